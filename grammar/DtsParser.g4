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

propertyDefinition
    : LABEL* PROPNODENAME (ASSIGN propertyValue)? SEMI       # setProperty
    | LABEL* DEL_PROP PROPNODENAME SEMI                      # deleteProperty
    ;

subnodeDefinition
    : subnodePrefix* PROPNODENAME nodeBody                   # childNode
    | subnodePrefix* DEL_NODE PROPNODENAME SEMI              # deleteChildNode
    ;

subnodePrefix
    : LABEL
    | OMIT_NO_REF
    ;

propertyValue
    : LABEL* valueChunk LABEL* (COMMA LABEL* valueChunk LABEL*)*
    ;

// Cells are the most frequent construct: their forms are spelled out here, with no rule (and no parse-tree node) per cell.
valueChunk
    : STRING                                                                  # stringChunk
    | (BITS LITERAL)? LT (LITERAL | CHAR_LITERAL | LPAREN expr RPAREN | LABEL_REF | PATH_REF | LABEL)* GT   # cellChunk
    | LBRACK (BYTE | LABEL)* RBRACK                                           # byteChunk
    | dtRef                                                                   # pathChunk
    | INCBIN LPAREN STRING (COMMA integerPrim COMMA integerPrim)? RPAREN      # incbinChunk
    ;

integerPrim
    : LITERAL                           # literalPrim
    | CHAR_LITERAL                      # charPrim
    | LPAREN expr RPAREN                # parenPrim
    ;

expr
    : integerPrim                                           # primaryExpr
    | op=(MINUS | TILDE | BANG) expr                        # unaryExpr
    | expr op=(STAR | SLASH | PERCENT) expr                 # binaryExpr
    | expr op=(PLUS | MINUS) expr                           # binaryExpr
    | expr op=(LSHIFT | RSHIFT) expr                        # binaryExpr
    | expr op=(LT | GT | LE | GE) expr                      # binaryExpr
    | expr op=(EQ | NE) expr                                # binaryExpr
    | expr op=AMP expr                                      # binaryExpr
    | expr op=CARET expr                                    # binaryExpr
    | expr op=PIPE expr                                     # binaryExpr
    | expr op=AND expr                                      # binaryExpr
    | expr op=OR expr                                       # binaryExpr
    | <assoc = right> expr QUESTION expr COLON expr         # conditionalExpr
    ;
