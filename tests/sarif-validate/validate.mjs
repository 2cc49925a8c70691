// Usage: node validate.mjs FILE.sarif...  Exit 1 when any file violates the SARIF 2.1.0 schema.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(fs.readFileSync(path.join(here, "node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json")));
delete schema.$schema; // draft-07 id; ajv 8's default meta-schema is draft-07 compatible
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = false;
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(fs.readFileSync(file));
  if (validate(doc)) console.log(`${file}: schema: valid`);
  else { failed = true; console.log(`${file}: ` + JSON.stringify(validate.errors, null, 1)); }
}
process.exit(failed ? 1 : 0);
