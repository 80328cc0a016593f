// @ts-check
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const appOnly = {
  group: ["~/*", "../app/*", "../../app/*"],
  message: "db/, workflows/ and templates/ must not import app/ (DESIGN §9.2).",
};

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      ".cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "smart"],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  // Migrations are written against Kysely<any> (DESIGN §9.9): frozen, schema-independent.
  {
    files: ["db/migrations/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  // Direction of imports: db/, workflows/ and templates/ never import app/.
  {
    files: ["db/**/*.ts", "templates/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [appOnly] }] },
  },
  // Machines are pure: they import only xstate and each other.
  {
    files: ["workflows/**/*.ts"],
    ignores: ["workflows/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            appOnly,
            {
              group: ["~db/*", "../db/*", "~templates/*", "node:*"],
              message: "Machines are pure: no I/O (DESIGN §4).",
            },
          ],
        },
      ],
    },
  },
  // Only server modules touch the database.
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.ts", "app/**/*.server.tsx", "app/**/*.test.ts", "app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~db/*"], message: "Only *.server.ts files may import db/ (DESIGN §9.2)." },
          ],
        },
      ],
    },
  },
);
