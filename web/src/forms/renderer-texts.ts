// The form renderer's own words (its add, remove and move buttons) in the person's language.
import { englishStringTranslator, TranslatableString } from '@rjsf/utils';
import type { useTexts } from '../i18n';

export function rendererTexts({ t }: ReturnType<typeof useTexts>) {
  const own: Partial<Record<TranslatableString, string>> = {
    [TranslatableString.AddItemButton]: t.addItem,
    [TranslatableString.AddButton]: t.addItem,
    [TranslatableString.RemoveButton]: t.removeItem,
    [TranslatableString.MoveUpButton]: t.moveUp,
    [TranslatableString.MoveDownButton]: t.moveDown,
  };
  return (text: TranslatableString, params?: string[]) => own[text] ?? englishStringTranslator(text, params);
}
