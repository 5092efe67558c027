// One file-naming scheme for the whole project: kebab-case, with optional dotted suffixes
// (`npy-reader.ts`, `npy-reader.test.ts`, `vite.config.ts`). React components are files too.
const kebab = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/;

export const fileNamingRule = {
  meta: { type: 'suggestion', messages: { name: "File name '{{name}}' is not kebab-case (e.g. 'model-card.ts')." }, schema: [] },
  create(context) {
    const full = context.filename ?? context.getFilename();
    const base = full.split(/[\\/]/).pop() ?? '';
    const stem = base.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '');
    return {
      Program(node) {
        if (!kebab.test(stem)) context.report({ node, messageId: 'name', data: { name: base } });
      },
    };
  },
};
