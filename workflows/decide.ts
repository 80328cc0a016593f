import { type AnyStateMachine, type EventObject, transition } from "xstate";

/**
 * Why an event was refused. `forbidden`: not this person's call (403);
 * `conflict`: not in this state (409); `invalid`: the event lacks something
 * the user must supply, such as a reason (422).
 */
export type Refusal = { code: "forbidden" | "conflict" | "invalid"; message: string };

/** One rule of a guard, returning why it fails or null when it holds. */
export type Check<C, E> = (context: C, event: E) => Refusal | null;

export function firstRefusal<C, E>(checks: readonly Check<C, E>[], context: C, event: E) {
  for (const check of checks) {
    const refusal = check(context, event);
    if (refusal) return refusal;
  }
  return null;
}

export const refuse = {
  forbidden: (message: string): Refusal => ({ code: "forbidden", message }),
  conflict: (message: string): Refusal => ({ code: "conflict", message }),
  invalid: (message: string): Refusal => ({ code: "invalid", message }),
};

export type Decision<C> =
  | { ok: true; state: string; context: C; changesState: boolean }
  /** `handled`: this state knows the event, so a button may show (disabled, saying why). */
  | { ok: false; refusal: Refusal; handled: boolean };

/**
 * Asks `machine` whether `event` may happen in the stored `state`, and what
 * comes next. The machine's guards decide; `checks` (the very rules those
 * guards are built from) only explain a refusal in words.
 */
export function decide<C, E extends EventObject>(
  machine: AnyStateMachine,
  stored: { state: string; context: C },
  event: E,
  checksFor: (state: string, type: E["type"]) => readonly Check<C, E>[],
): Decision<C> {
  const snapshot = machine.resolveState({ value: stored.state, context: stored.context });
  if (snapshot.can(event)) {
    const [next] = transition(machine, snapshot, event);
    return {
      ok: true,
      state: String(next.value),
      context: next.context as C,
      changesState: String(next.value) !== stored.state,
    };
  }
  const node = machine.getStateNodeById(`${machine.id}.${stored.state}`);
  const handled = node.ownEvents.includes(event.type);
  const refusal = handled
    ? firstRefusal(checksFor(stored.state, event.type), stored.context, event)
    : null;
  return {
    ok: false,
    handled,
    refusal: refusal ?? refuse.conflict("当前状态下不能执行此操作，请刷新页面后查看最新状态。"),
  };
}
