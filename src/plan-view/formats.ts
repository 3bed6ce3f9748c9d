/** The formats `wcompose plan --format` prints (a module of its own: the CLI lists them without loading the views). */
export const planFormats = ['text', 'mermaid', 'dot', 'json'] as const;
export type PlanFormat = (typeof planFormats)[number];
