#!/usr/bin/env bash
# Regenerates grammar/Generated/*.cs from the .g4 files with the pinned npm antlr-ng (no Java needed).
# CI runs this and fails when the committed C# differs from what the grammar produces.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null
out=$(node node_modules/antlr-ng/dist/cli/runner.js -Dlanguage=CSharp --generate-visitor true --generate-listener false \
      -p DtIommu.Syntax.Generated -o Generated DtsParser.g4)
[ -n "$out" ] && echo "$out"
# antlr-ng exits 0 even when the grammar has errors.
if grep -q '^error(' <<<"$out"; then echo 'antlr-ng reported errors' >&2; exit 1; fi
rm -f Generated/*.interp Generated/*.tokens
# A native process deserialises the parser's ATN at every start. The runtime's defaults also verify it (antlr-ng
# checked it when it wrote it) and optimise it (inlined set rules, merged epsilon chains), which pays off only for
# grammars that predict with long lookahead; ours is LL(1) almost everywhere. Without both, a one-property compile
# takes about 2% less CPU and the largest boards are unchanged (measured pairwise on the AOT binary).
sed -i 's/new ATNDeserializer()\.Deserialize(_serializedATN);/new ATNDeserializer(new ATNDeserializationOptions { VerifyAtn = false, Optimize = false }).Deserialize(_serializedATN);/' Generated/DtsParser.cs
grep -q 'VerifyAtn = false' Generated/DtsParser.cs || { echo 'regen.sh: the ATN deserialisation line was not found' >&2; exit 1; }
# The contexts inside node bodies are made through the parser's factory methods (DtsParserContextFactory.cs), so
# that those of properties and nodes already built are reused: they were a quarter of what a board allocates.
sed -i -E 's/new (NodeBody|PropertyDefinition|SubnodeDefinition|PropertyValue|ValueChunk|Expr|DtRef|IntegerPrim)Context\(/New\1Context(/g' Generated/DtsParser.cs
grep -q 'NewExprContext(' Generated/DtsParser.cs || { echo 'regen.sh: the context constructions were not found' >&2; exit 1; }
# The ATN and its prediction caches are made on first use (DtsParserPrediction.cs), not when the parser type is
# first touched: the compiler's parser predicts with HandPrediction, which answers the grammar's only multi-token
# decisions, so an error-free parse never needs them (deserialising the ATN was a tenth of a millisecond of every
# one-board process).
perl -0pi -e 's/\tprotected static DFA\[\] decisionToDFA;\n\tprotected static PredictionContextCache sharedContextCache = new PredictionContextCache\(\);\n//' Generated/DtsParser.cs
perl -0pi -e 's/\tstatic DtsParser\(\) \{\n.*?\n\t\}\n\n//s' Generated/DtsParser.cs
sed -i 's/public static readonly ATN _ATN =/private static ATN DeserializeAtn() =>/' Generated/DtsParser.cs
grep -qF 'private static ATN DeserializeAtn() =>' Generated/DtsParser.cs || { echo 'regen.sh: the ATN field was not found' >&2; exit 1; }
if grep -qE 'static DtsParser\(\)|static DFA\[\] decisionToDFA' Generated/DtsParser.cs; then echo 'regen.sh: the eager ATN tables are still there' >&2; exit 1; fi
