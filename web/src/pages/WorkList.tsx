// The work list: what waits on me, on nobody yet, and on the team; soonest due first, each one
// click from its case. Which list is shown is in the URL.
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { call, get } from '../api';
import { LoadError, Loading, PageHeading, useDocumentTitle, useLoad } from '../components';
import { day, swedishToday } from '../format';
import { useTexts } from '../i18n';
import { isStaff, useSession } from '../session';
import type { Task } from '../types';

const views = ['mina', 'otilldelade', 'alla'] as const;
type View = (typeof views)[number];

export function WorkList() {
  const { t, taskKind, role, language } = useTexts();
  const session = useSession()!;
  const search = new URLSearchParams(useSearch());
  const view: View = views.includes(search.get('vy') as View) ? (search.get('vy') as View) : isStaff(session) ? 'mina' : 'alla';
  const query = new URLSearchParams({ limit: '100', ...(view === 'mina' ? { assignee: session.name } : view === 'otilldelade' ? { unassigned: 'true' } : {}) });
  const tasks = useLoad(() => get<{ tasks: Task[] }>(`/tasks?${query}`), query.toString());
  const [colleagueFor, setColleagueFor] = useState<string | null>(null);
  const [colleague, setColleague] = useState('');
  useDocumentTitle(t.workList);
  const today = swedishToday();
  const labels: Record<View, string> = { mina: t.myTasks, otilldelade: t.unassignedTasks, alla: t.teamTasks };

  const assign = async (task: Task, assignee: string | null) => {
    await call('PUT', `/tasks/${encodeURIComponent(task.id)}/assignee`, { body: { assignee } });
    setColleagueFor(null);
    tasks.reload();
  };

  return (
    <>
      <PageHeading>{t.workList}</PageHeading>
      <nav aria-label={t.workList} className="tabs">
        <ul>
          {(isStaff(session) ? views : (['alla'] as const)).map((v) => (
            <li key={v}>
              <Link href={`/arbetslista?vy=${v}`} aria-current={v === view ? 'page' : undefined}>
                {labels[v]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tasks.loading && !tasks.data ? (
        <Loading />
      ) : tasks.error ? (
        <LoadError error={tasks.error} retry={tasks.reload} />
      ) : !tasks.data!.tasks.length ? (
        <p>{t.noTasks}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="group" aria-label={labels[view]}>
          <table>
            <caption>{labels[view]}</caption>
            <thead>
              <tr>
                <th scope="col">{t.task}</th>
                <th scope="col">{t.partnership}</th>
                <th scope="col">{t.waitsOn}</th>
                <th scope="col">{t.due}</th>
                <th scope="col">{t.assignee}</th>
                {isStaff(session) && <th scope="col">{t.assignTo}</th>}
              </tr>
            </thead>
            <tbody>
              {tasks.data!.tasks.map((task) => (
                <tr key={task.id}>
                  <td>{taskKind(task.kind)}</td>
                  <td>
                    <Link href={`/partnerskap/${task.partnershipId}`}>{task.partnershipTitle}</Link>
                  </td>
                  <td>{task.waitsOnRole ? role(task.waitsOnRole) : task.partyId ? t.parties : '–'}</td>
                  <td>
                    {day(task.dueOn, language)}
                    {task.dueOn && task.dueOn < today && <strong className="badge overdue"> {t.overdue}</strong>}
                  </td>
                  <td>{task.assignee ?? '–'}</td>
                  {isStaff(session) && (
                    <td className="actions">
                      {task.assignee !== session.name && (
                        <button type="button" onClick={() => void assign(task, session.name)}>
                          {t.assignToMe}
                        </button>
                      )}
                      {task.assignee && (
                        <button type="button" onClick={() => void assign(task, null)}>
                          {t.release}
                        </button>
                      )}
                      {colleagueFor === task.id ? (
                        <form
                          onSubmit={(event) => {
                            event.preventDefault();
                            if (colleague.trim()) void assign(task, colleague.trim());
                          }}
                        >
                          <label htmlFor={`colleague-${task.id}`}>{t.colleague}</label>
                          <input id={`colleague-${task.id}`} value={colleague} onChange={(e) => setColleague(e.target.value)} autoFocus />
                          <button type="submit">{t.assignTo}</button>
                        </form>
                      ) : (
                        <button type="button" onClick={() => (setColleague(''), setColleagueFor(task.id))}>
                          {t.assignToColleague}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
