// Type-check documents against TypeScript types generated from the schemas.
//
//   node typecheck.mjs SCHEMA_DIR FILE...
//
// Generates one TypeScript type per document schema with json-schema-to-typescript
// (references resolved from SCHEMA_DIR, nothing fetched), writes each file as a typed
// constant, compiles with tsc --strict and prints one JSON line per file:
// {"file", "typescript": "valid" | "invalid", "errors": [...]}.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "json-schema-to-typescript";
import ts from "typescript";

const [schemaDir, ...files] = process.argv.slice(2);
const byId = {};
const byName = {};
for (const name of readdirSync(schemaDir).filter((n) => n.endsWith(".schema.json"))) {
  const schema = JSON.parse(readFileSync(join(schemaDir, name), "utf8"));
  byId[schema.$id] = schema;
  byName[name] = schema;
}
const offline = {
  order: 1,
  canRead: true,
  read: (file) => {
    const url = file.url.split("#")[0];
    const schema = byId[url] ?? byName[url.split("/").pop()];
    if (schema) return JSON.stringify(schema);
    throw new Error(`not one of the standard's schemas: ${url}`);
  },
};
const out = mkdtempSync(join(tmpdir(), "sroi-ts-"));
const typeNames = {};
for (const schema of Object.values(byId)) {
  const docType = schema.properties?.documentType?.const;
  if (!docType) continue;
  const typeName = docType[0].toUpperCase() + docType.slice(1) + "Document";
  // Without title and $id the generator names the type typeName.
  const { title: _title, $id: _id, ...untitled } = structuredClone(schema);
  const source = await compile(untitled, typeName, {
    bannerComment: "",
    additionalProperties: false,
    cwd: schemaDir,
    declareExternallyReferenced: true,
    $refOptions: { resolve: { offline, http: false, file: false } },
  });
  writeFileSync(join(out, `${docType}.ts`), source);
  typeNames[docType] = typeName;
}
const checked = [];
files.forEach((file, index) => {
  const data = JSON.parse(readFileSync(file, "utf8"));
  const docType = data.documentType;
  const path = join(out, `doc${index}.ts`);
  writeFileSync(
    path,
    `import type { ${typeNames[docType]} } from "./${docType}";\n` +
      `export const doc: ${typeNames[docType]} = ${JSON.stringify(data)};\n`,
  );
  checked.push({ file, path });
});
const program = ts.createProgram(
  checked.map((c) => c.path),
  { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
);
const diagnostics = ts.getPreEmitDiagnostics(program);
for (const { file, path } of checked) {
  const errors = diagnostics
    .filter((d) => d.file && d.file.fileName === path)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 300));
  const generated = diagnostics.filter((d) => d.file && !d.file.fileName.includes("doc"));
  errors.push(...generated.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")));
  console.log(JSON.stringify({ file, typescript: errors.length ? "invalid" : "valid", errors }));
}
