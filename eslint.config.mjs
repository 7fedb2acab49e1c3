// ESLint (flat config): typescript-eslint, Next's core-web-vitals rules, React hooks, and Drizzle's guards against
// a delete or update without a where. `npm run lint`; Prettier owns formatting (`npm run format:check`).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "blob-report/**",
      "db/migrations/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  reactHooks.configs.flat.recommended,
  {
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { drizzle },
    rules: {
      // The names a Drizzle database or transaction goes by here: `db` (and `handle.db`), `tx`, and `conn` (either).
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "conn"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "conn"] }],
      // `_`-prefixed parameters and destructured leftovers are deliberate (a server action's unused previous state,
      // `{ secret: _, ...rest }` to drop a field).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The App Router has no pages/ directory for this rule to look in.
    files: ["**/*.{ts,tsx,mts,js,mjs}"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
);
