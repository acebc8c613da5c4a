import { createContext, useContext } from 'react';
import type { Session } from './api';

/** Who is signed in; null only on the pages anyone may read. */
export const SessionContext = createContext<Session | null>(null);
export const useSession = () => useContext(SessionContext);
export const isStaff = (session: Session | null) => session?.role === 'ADMINISTRATOR' || session?.role === 'CASE_OFFICER';
