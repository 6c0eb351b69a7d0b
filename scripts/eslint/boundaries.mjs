// Floorpulse's own lint rules: folders depend one way (a declared order, so no runtime cycle between
// folders can exist), and client components import nothing that runs only on the server.
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "../..");

/** The folder a file belongs to for layering: lib/<x> and components/<x>, else its top-level folder. */
export function folderOf(file) {
  const parts = relative(root, file).split("/");
  if (parts.length === 1) return parts[0].replace(/\.[^.]+$/, ""); // server.ts, proxy.ts, …
  return parts[0] === "lib" || parts[0] === "components"
    ? parts
        .slice(0, 2)
        .join("/")
        .replace(/\.[^.]+$/, "")
    : parts[0];
}

/** The file an import names, or null for a package. */
function targetOf(file, spec) {
  if (spec.startsWith("@/")) return join(root, spec.slice(2));
  if (spec.startsWith(".")) return resolve(dirname(file), spec);
  return null;
}

/** Runtime import sources of a node: type-only imports and exports leave no edge at run time. */
function runtimeSource(node) {
  if (node.type === "ImportDeclaration") {
    if (node.importKind === "type") return null;
    if (node.specifiers.length && node.specifiers.every((s) => s.importKind === "type")) return null;
    return node.source.value;
  }
  if ((node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.source) {
    return node.exportKind === "type" ? null : node.source.value;
  }
  if (node.type === "ImportExpression" && node.source.type === "Literal") return node.source.value;
  return null;
}

const onImports = (check) => ({
  ImportDeclaration: check,
  ExportNamedDeclaration: check,
  ExportAllDeclaration: check,
  ImportExpression: check,
});

/** Both rules report problems and take one option: an object holding a list of strings under `option`. */
const listOptionRule = (description, option) => ({
  type: "problem",
  docs: { description },
  schema: [
    {
      type: "object",
      properties: { [option]: { type: "array", items: { type: "string" } } },
      additionalProperties: false,
    },
  ],
});

const oneWayFolders = {
  meta: listOptionRule("A folder imports only folders below it in the declared order (ARCHITECTURE.md).", "order"),
  create(context) {
    const order = context.options[0]?.order ?? [];
    const rank = new Map(order.map((f, i) => [f, i]));
    const file = context.filename;
    const from = folderOf(file);
    if (!rank.has(from)) return {};
    return onImports((node) => {
      const spec = runtimeSource(node);
      const target = spec && targetOf(file, spec);
      if (!target) return;
      const to = folderOf(target);
      if (to === from) return;
      if (!rank.has(to)) {
        context.report({
          node,
          message: `${to} is not in the folder order (eslint.config.mjs): place it there before importing it from ${from}.`,
        });
      } else if (rank.get(to) > rank.get(from)) {
        context.report({
          node,
          message: `${from} may not import ${to}: folders depend one way (see ARCHITECTURE.md). Move the shared code down, or invert the call.`,
        });
      }
    });
  },
};

const clientImportsNoServer = {
  meta: listOptionRule("A 'use client' module imports no server-only module at run time.", "serverOnly"),
  create(context) {
    const body = context.sourceCode.ast.body;
    const isClient = body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");
    if (!isClient) return {};
    const patterns = (context.options[0]?.serverOnly ?? []).map((p) => new RegExp(p));
    return onImports((node) => {
      const spec = runtimeSource(node);
      if (spec && patterns.some((p) => p.test(spec))) {
        context.report({
          node,
          message: `Client component imports server-only "${spec}" (only its types may be imported).`,
        });
      }
    });
  },
};

export default { rules: { "one-way-folders": oneWayFolders, "client-imports-no-server": clientImportsNoServer } };
