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
