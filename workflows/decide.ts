import {
  type AnyStateMachine,
  type AnyStateNode,
  type EventObject,
  type StateValue,
  transition,
} from "xstate";

/**
 * Why an event was refused. `forbidden`: not this person's call (403);
 * `conflict`: not in this state, or the stored facts do not allow it yet (409);
 * `invalid`: the stored text lacks something the person must supply first,
 * such as filling every 【】 (422).
 */
export type Refusal = { code: "forbidden" | "conflict" | "invalid"; message: string };

export const refuse = {
  forbidden: (message: string): Refusal => ({ code: "forbidden", message }),
  conflict: (message: string): Refusal => ({ code: "conflict", message }),
  invalid: (message: string): Refusal => ({ code: "invalid", message }),
};

/**
 * One rule behind a guard: null when it holds, else why not. Rules read the
 * actor and the stored facts (the context) only; what a person types (a
 * reason, a 文号, a date) is validated at the boundary before any event.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- params differ per rule
export type Rule<C, E> = (context: C, event: E, params: any) => Refusal | null;

/** XState guard implementations from rules: a guard holds when its rule finds nothing. */
export function guardsOf<C, E extends EventObject, R extends Record<string, Rule<C, E>>>(rules: R) {
  return Object.fromEntries(
    Object.entries(rules).map(([name, rule]) => [
      name,
      ({ context, event }: { context: C; event: E }, params: unknown) =>
        rule(context, event, params) === null,
    ]),
  ) as { [K in keyof R]: (args: { context: C; event: E }, params: unknown) => boolean };
}

/**
 * A machine whose stored state is the name of a leaf state (unique across
 * the machine), with the rules its guards are made of.
 */
export type Workflow<S extends string, C, E extends EventObject> = {
  machine: AnyStateMachine;
  rules: Record<string, Rule<C, E>>;
  /** The leaf states, as stored in the database. */
  states: readonly S[];
};

type GuardConfig =
  | string
  | { type: string; params?: unknown }
  | { guards?: GuardConfig[]; check?: unknown; name?: string };

/** Where a stored leaf state sits in the machine: ["inProgress", "writing", "drafting"]. */
function pathOf(machine: AnyStateMachine, leaf: string): string[] | null {
  const walk = (node: AnyStateNode, path: string[]): string[] | null => {
    for (const [key, child] of Object.entries(node.states ?? {})) {
      const here = [...path, key];
      const childNode = child as AnyStateNode;
      if (key === leaf && Object.keys(childNode.states ?? {}).length === 0) return here;
      const found = walk(childNode, here);
      if (found) return found;
    }
    return null;
  };
  return walk(machine.root, []);
}

/** The machine's state value for a stored leaf state: "drafting" → { inProgress: { writing: "drafting" } }. */
export function stateValueOf(machine: AnyStateMachine, leaf: string): StateValue {
  const path = pathOf(machine, leaf);
  if (!path) throw new Error(`unknown state "${leaf}" of machine "${machine.id}"`);
  if (path.length === 1) return path[0]!;
  const [last, ...outer] = [...path].reverse();
  return outer.reduce<StateValue>((inner, key) => ({ [key]: inner }), last!);
}

/** The stored leaf state of a state value (the innermost key). */
export function leafOf(value: StateValue): string {
  let current: StateValue = value;
  while (typeof current !== "string") {
    const [key, inner] = Object.entries(current)[0]!;
    current = inner ?? key;
  }
  return current;
}

function nodesFromLeaf(machine: AnyStateMachine, leaf: string): AnyStateNode[] {
  const path = pathOf(machine, leaf);
  if (!path) return [];
  const nodes: AnyStateNode[] = [];
  let node: AnyStateNode = machine.root;
  for (const key of path) {
    node = node.states[key] as AnyStateNode;
    nodes.unshift(node);
  }
  return nodes; // the leaf first, then its parents
}

/** The first rule of a guard that does not hold, walking `and(...)` in order. */
function firstBroken<C, E>(
  guard: GuardConfig | undefined,
  rules: Record<string, Rule<C, E>>,
  context: C,
  event: E,
): Refusal | null {
  if (!guard) return null;
  if (typeof guard === "string") return rules[guard]?.(context, event, undefined) ?? null;
  if ("type" in guard && typeof guard.type === "string") {
    return rules[guard.type]?.(context, event, guard.params) ?? null;
  }
  if ("guards" in guard && Array.isArray(guard.guards)) {
    for (const inner of guard.guards) {
      const refusal = firstBroken(inner, rules, context, event);
      if (refusal) return refusal;
    }
  }
  return null;
}

export type Decision<S extends string, C> =
  | { ok: true; state: S; context: C; changesState: boolean }
  /** `handled`: this state knows the event, so a button may show (disabled, saying why). */
  | { ok: false; refusal: Refusal; handled: boolean };

/**
 * Asks the machine whether `event` may happen in the stored state, and what
 * comes next. The machine's guards decide; when they refuse, the same rules
 * are walked in the guard's order to say why in words.
 */
export function decide<S extends string, C, E extends EventObject>(
  workflow: Workflow<S, C, E>,
  stored: { state: S; context: C },
  event: E,
): Decision<S, C> {
  const { machine, rules } = workflow;
  const snapshot = machine.resolveState({
    value: stateValueOf(machine, stored.state),
    context: stored.context,
  });
  if (snapshot.can(event)) {
    const [next] = transition(machine, snapshot, event);
    const state = leafOf(next.value as StateValue) as S;
    return { ok: true, state, context: next.context as C, changesState: state !== stored.state };
  }
  const candidates = nodesFromLeaf(machine, stored.state).flatMap(
    (node) => (node.on as Record<string, { guard?: GuardConfig }[]>)[event.type] ?? [],
  );
  const refusal = candidates
    .map((candidate) => firstBroken(candidate.guard, rules, stored.context, event))
    .find((found) => found !== null);
  return {
    ok: false,
    handled: candidates.length > 0,
    refusal: refusal ?? refuse.conflict("当前状态下不能执行此操作，请刷新页面后查看最新状态。"),
  };
}

/** Whether the stored state (or a state around it) knows the event at all. */
export function handles(machine: AnyStateMachine, state: string, type: string): boolean {
  return nodesFromLeaf(machine, state).some((node) => type in node.on);
}
