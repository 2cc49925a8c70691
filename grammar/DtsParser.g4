// Parser of the DTS v1 language, equivalent to dtc's bison grammar (dtc-parser.y); the tree builder gives the
// rules dtc's semantics (merges, deletes, labels, markers). Left recursion of the bison rules is written as
// repetition; the expression rule keeps dtc's precedence and associativity.
parser grammar DtsParser;

options { contextSuperClass = DtsRuleContext; }

// The tokens of compiler/DtIommu.Core/Syntax/DtsScanner.cs, a hand-written copy of dtc's flex scanner.
// INCLUDE and LINE_MARKER never reach the parser: the token source opens the file or renames the current one.
// OTHER is any character no scanner rule wants; the parser rejects it where it appears.
tokens {
    INCLUDE, LINE_MARKER, STRING, V1, PLUGIN, MEMRESERVE, BITS, DEL_PROP, DEL_NODE, OMIT_NO_REF, LABEL, LITERAL,
    CHAR_LITERAL, LABEL_REF, PATH_REF, INCBIN, LSHIFT, RSHIFT, LE, GE, EQ, NE, AND, OR, LBRACE, SEMI, LBRACK,
    RBRACK, RBRACE, ASSIGN, LT, GT, LPAREN, RPAREN, COMMA, SLASH, PLUS, MINUS, STAR, PERCENT, AMP, PIPE, CARET,
    TILDE, BANG, QUESTION, COLON, OTHER, PROPNODENAME, BYTE
}

sourceFile
    : header+ memreserve* devicetree EOF
    ;

header
    : V1 SEMI (PLUGIN SEMI)?
    ;

memreserve
    : LABEL* MEMRESERVE integerPrim integerPrim SEMI
    ;

devicetree
    : firstDefinition topDefinition*
    ;

firstDefinition
    : SLASH nodeBody                    # rootDefinition
    | dtRef nodeBody                    # orphanDefinition
    ;

topDefinition
    : SLASH nodeBody                    # rootMerge
    | LABEL dtRef nodeBody              # labelledRefMerge
    | dtRef nodeBody                    # refMerge
    | DEL_NODE dtRef SEMI               # deleteNodeByRef
    | OMIT_NO_REF dtRef SEMI            # omitNodeByRef
    ;

dtRef
    : LABEL_REF
    | PATH_REF
    ;

// A property after a subnode is parsed so that the builder can report dtc's own message for it. Members are
// direct children of the body (no wrapper rule): a rule context per member or per cell is memory each board pays.
nodeBody
    : LBRACE (propertyDefinition | subnodeDefinition)* RBRACE SEMI
    ;

// The hot rules have no labelled alternatives: the runtime would make each context twice (a generic one, then
// the alternative's copy). The tree builder tells the forms apart by their tokens.
propertyDefinition
    : LABEL* (PROPNODENAME (ASSIGN propertyValue)? SEMI | DEL_PROP PROPNODENAME SEMI)
    ;

subnodeDefinition
    : (LABEL | OMIT_NO_REF)* (PROPNODENAME nodeBody | DEL_NODE PROPNODENAME SEMI)
    ;

propertyValue
    : LABEL* valueChunk LABEL* (COMMA LABEL* valueChunk LABEL*)*
    ;

// Cells are the most frequent construct: their forms are spelled out here, with no rule (and no parse-tree node) per cell.
valueChunk
    : STRING
    | (BITS LITERAL)? LT (LITERAL | CHAR_LITERAL | LPAREN expr RPAREN | LABEL_REF | PATH_REF | LABEL)* GT
    | LBRACK (BYTE | LABEL)* RBRACK
    | dtRef
    | INCBIN LPAREN STRING (COMMA integerPrim COMMA integerPrim)? RPAREN
    ;

integerPrim
    : LITERAL
    | CHAR_LITERAL
    | LPAREN expr RPAREN
    ;

// An operand is a literal or a parenthesised expression in place (integerPrim spelled out): one context per
// operand, not two.
expr
    : LITERAL
    | CHAR_LITERAL
    | LPAREN expr RPAREN
    | op=(MINUS | TILDE | BANG) expr
    | expr op=(STAR | SLASH | PERCENT) expr
    | expr op=(PLUS | MINUS) expr
    | expr op=(LSHIFT | RSHIFT) expr
    | expr op=(LT | GT | LE | GE) expr
    | expr op=(EQ | NE) expr
    | expr op=AMP expr
    | expr op=CARET expr
    | expr op=PIPE expr
    | expr op=AND expr
    | expr op=OR expr
    | <assoc = right> expr QUESTION expr COLON expr
    ;
