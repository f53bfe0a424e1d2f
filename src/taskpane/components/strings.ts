import { createContext, useContext } from 'react';
import { STRINGS, type Strings } from '../i18n';

export const StringsContext = createContext<Strings>(STRINGS.zh);

export function useStrings(): Strings {
  return useContext(StringsContext);
}
