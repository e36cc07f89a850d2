// Validate SROI Outcome Standard documents with validators that are not Python.
//
//   node check.mjs SCHEMA_DIR FILE...
//
// Prints one JSON line per file: {"file", "ajv", "hyperjump"}, each "valid" or "invalid"
// (a file that is not JSON or names no document type is "invalid", with a "reason"). Before any
// file, it compiles every schema with ajv in full strict mode (Draft 2020-12 + ajv-formats)
// and exits 2 if one does not compile. Nothing is fetched: every schema is registered
// from SCHEMA_DIR under its own $id.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { registerSchema, validate } from "@hyperjump/json-schema/draft-2020-12";

const [schemaDir, ...files] = process.argv.slice(2);
const schemas = readdirSync(schemaDir)
  .filter((name) => name.endsWith(".schema.json"))
  .map((name) => JSON.parse(readFileSync(join(schemaDir, name), "utf8")));

const ajv = new Ajv2020({ strict: true, allErrors: false });
addFormats(ajv);
for (const schema of schemas) ajv.addSchema(schema);
const byType = {};
try {
  for (const schema of schemas) {
    const type = schema.properties?.documentType?.const;
    ajv.getSchema(schema.$id); // compiles, throws in strict mode on anything non-standard
    if (type) byType[type] = schema.$id;
  }
} catch (error) {
  console.log(JSON.stringify({ compile: "error", message: String(error.message ?? error) }));
  process.exit(2);
}
for (const schema of schemas) registerSchema(structuredClone(schema), schema.$id);

for (const file of files) {
  const line = { file };
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    Object.assign(line, { ajv: "invalid", hyperjump: "invalid", reason: error.message });
    console.log(JSON.stringify(line));
    continue;
  }
  const id = data && typeof data === "object" ? byType[data.documentType] : undefined;
  if (!id) {
    Object.assign(line, { ajv: "invalid", hyperjump: "invalid", reason: "no document type" });
    console.log(JSON.stringify(line));
    continue;
  }
  line.ajv = ajv.getSchema(id)(data) ? "valid" : "invalid";
  const output = await validate(id, data);
  line.hyperjump = output.valid ? "valid" : "invalid";
  console.log(JSON.stringify(line));
}
