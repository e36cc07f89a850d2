// Run the schema layer of the `findings` conformance vectors in JavaScript (ajv).
//
//   node findings.mjs SCHEMA_ROOT VECTOR...
//
// For every file of every vector with operation "validate" (tests/conformance/README.md,
// kind "findings"), the file is validated with ajv (Draft 2020-12, allErrors, ajv-formats)
// against the schema of its standardVersion under SCHEMA_ROOT/<version>/, and each error is
// mapped to the standard's schema rule id by its keyword, at the JSON pointer of the value
// (for `required` and `additionalProperties`, the object), as the rule catalogue defines
// them (docs/rules.md, category schema). Prints one JSON line per vector:
// {"id", "files": [{"file", "got": [[ruleId, pointer]...], "expected": [...]} | {"file",
// "skipped": reason}]}. The expected list is the vector's schema.* findings for that file.
// The 2.0 schemas compile in ajv's strict mode; the frozen 1.0 files carry x-codelist, an
// annotation strict mode refuses, so 1.0 is compiled with strict: false.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaRoot, ...vectorFiles] = process.argv.slice(2);

const validators = {};
function validatorFor(version, documentType) {
  if (!["1.0", "2.0"].includes(version)) return undefined;
  if (!validators[version]) {
    const dir = join(schemaRoot, version);
    const ajv = new Ajv2020({ strict: version !== "1.0", allErrors: true, verbose: true });
    addFormats(ajv);
    const byType = {};
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".schema.json"))) {
      const schema = JSON.parse(readFileSync(join(dir, name), "utf8"));
      ajv.addSchema(schema);
      const type = schema.properties?.documentType?.const;
      if (type) byType[type] = schema.$id;
    }
    validators[version] = { ajv, byType };
  }
  const { ajv, byType } = validators[version];
  return byType[documentType] ? ajv.getSchema(byType[documentType]) : undefined;
}

const RANGE = new Set([
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
  "minItems", "maxItems", "minProperties", "maxProperties",
]);
const RULES = {
  type: "schema.type",
  required: "schema.required",
  additionalProperties: "schema.unknown-field",
  pattern: "schema.format",
  enum: "schema.code",
  const: "schema.const",
  format: "schema.date",
  oneOf: "schema.choice",
};

function ruleOf(error) {
  if (RANGE.has(error.keyword)) return "schema.range";
  // a date's pattern is its calendar: reported once, as the date rule
  if (error.keyword === "pattern" && error.parentSchema?.format) return "schema.date";
  return RULES[error.keyword] ?? "schema.invalid";
}

function findings(errors) {
  // An unmet oneOf is one finding at the object, not one per alternative's error.
  const choices = errors.filter((e) => e.keyword === "oneOf").map((e) => e.schemaPath + "/");
  const seen = new Set();
  const found = [];
  for (const error of errors) {
    if (choices.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const key = `${ruleOf(error)} ${error.instancePath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push([ruleOf(error), error.instancePath]);
  }
  return found.sort();
}

for (const path of vectorFiles) {
  const vector = JSON.parse(readFileSync(path, "utf8"));
  if (vector.kind !== "findings" || vector.operation !== "validate") continue;
  const line = { id: vector.id, files: [] };
  for (const file of vector.files) {
    if (!("document" in file)) {
      line.files.push({ file: file.name, skipped: "raw text (JSON.parse keeps duplicate keys)" });
      continue;
    }
    const data = file.document;
    const validate = validatorFor(String(data.standardVersion), String(data.documentType));
    if (!validate) {
      line.files.push({ file: file.name, skipped: "no schema for this type and version" });
      continue;
    }
    line.files.push({
      file: file.name,
      got: validate(data) ? [] : findings(validate.errors ?? []),
      expected: vector.expected
        .filter((f) => f.file === file.name && f.ruleId.startsWith("schema."))
        .map((f) => [f.ruleId, f.pointer])
        .sort(),
    });
  }
  console.log(JSON.stringify(line));
}
