import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { mergeRegister } from "@lexical/utils";
import {
  $getRoot,
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  DRAGSTART_COMMAND,
  DROP_COMMAND,
  type EditorState,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  type LexicalCommand,
  OUTDENT_CONTENT_COMMAND,
  PASTE_COMMAND,
  REDO_COMMAND,
  REMOVE_TEXT_COMMAND,
  UNDO_COMMAND,
} from "lexical";
import { useEffect } from "react";

/** Every command that would change the text. */
const CHANGES: LexicalCommand<unknown>[] = [
  CONTROLLED_TEXT_INSERTION_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_WORD_COMMAND,
  DELETE_LINE_COMMAND,
  REMOVE_TEXT_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  KEY_ENTER_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  PASTE_COMMAND,
  CUT_COMMAND,
  DROP_COMMAND,
  DRAGSTART_COMMAND,
  FORMAT_TEXT_COMMAND,
  FORMAT_ELEMENT_COMMAND,
  INDENT_CONTENT_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  UNDO_COMMAND,
  REDO_COMMAND,
] as LexicalCommand<unknown>[];

const textOf = (state: EditorState) => state.read(() => $getRoot().getTextContent());

/**
 * For someone who may read but not change a section (a reviewer): the text
 * keeps a caret, so they can move through it and select words with the
 * keyboard (arrows, Shift+arrows) and comment on them, while nothing they do
 * can change it — every editing command is swallowed, and should anything
 * else slip through, the text is put back at once.
 */
export function ReadOnlyCaretPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let lastGood = editor.getEditorState();
    const root = editor.getRootElement();
    root?.setAttribute("aria-readonly", "true");
    const refuseInput = (event: Event) => event.preventDefault();
    root?.addEventListener("beforeinput", refuseInput, true);
    const unregister = mergeRegister(
      ...CHANGES.map((command) =>
        editor.registerCommand(
          command,
          (payload) => {
            (payload as Event | null)?.preventDefault?.();
            return true;
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
      ),
      editor.registerUpdateListener(({ editorState }) => {
        if (textOf(editorState) === textOf(lastGood)) lastGood = editorState;
        else queueMicrotask(() => editor.setEditorState(lastGood));
      }),
    );
    return () => {
      unregister();
      root?.removeEventListener("beforeinput", refuseInput, true);
    };
  }, [editor]);
  return null;
}
