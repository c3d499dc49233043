// Lints virtual files with the project's ESLint config, outside Jest (whose module sandbox cannot
// load an ES-module config). Input on stdin: [{ file, code }]; output: the rule ids fired per file.
import { ESLint } from 'eslint';

const probes = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
  }),
);
// Type-aware rules need the file in a tsconfig program; the probes are virtual files, so they run
// without type information (the rules under test need none).
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { project: null, projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
});
const fired = [];
for (const { file, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath: file });
  fired.push((result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`));
}
process.stdout.write(JSON.stringify(fired));
