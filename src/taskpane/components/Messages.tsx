import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens, type MessageBarIntent } from '@fluentui/react-components';
import type { Strings } from '../i18n';
import type { Outcome, PaneError, PaneErrorKind, PaneState } from '../service';
import { useStrings } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  notices: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  wrap: { overflowWrap: 'anywhere' },
});

/**
 * The body of an error message: the adapter's own (English) message in the English pane; in the
 * Chinese pane the worksheet and what Excel said (in Excel's language), or, for an error that did
 * not come from Excel, its message as is.
 */
function errorDetail(t: Strings, error: PaneError): string {
  if (t.lang === 'en') return error.detail;
  const parts = [error.sheet === null ? null : t.errors.onSheet(error.sheet), error.hostDetail].filter((p): p is string => p !== null);
  return parts.length > 0 || error.kind !== 'other' ? parts.join('：') : error.detail;
}

function outcomeText(t: Strings, outcome: Outcome): { intent: MessageBarIntent; text: string } {
  switch (outcome.kind) {
    case 'checked':
      return outcome.tables === 0
        ? { intent: 'warning', text: t.done.noTables }
        : { intent: outcome.findings > 0 ? 'info' : 'success', text: t.done.checked(outcome.tables, outcome.findings) };
    case 'cleared':
      return { intent: 'success', text: t.done.cleared(outcome.cells) };
    case 'filled':
      return { intent: 'success', text: t.done.filled(outcome.cells, outcome.hostUndo) };
    case 'undone':
      return { intent: 'success', text: t.done.undone(outcome.cells) };
    case 'exported':
      return { intent: 'success', text: t.done.exported(outcome.sheet) };
    case 'inserted':
      return { intent: 'success', text: t.done.inserted(outcome.sheet) };
  }
}

/** The last operation's error or outcome, and the report's notices. Errors are never hidden. */
export function Messages(props: { state: PaneState; onDismiss: () => void }) {
  const t = useStrings();
  const styles = useStyles();
  const { error, outcome, report } = props.state;
  const dismiss = (
    <MessageBarActions>
      <Button size="small" onClick={props.onDismiss}>
        {t.dismiss}
      </Button>
    </MessageBarActions>
  );
  const done = outcome && outcomeText(t, outcome);
  return (
    <div className={styles.root}>
      {error && (
        <MessageBar intent="error" layout="multiline" politeness="assertive">
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{t.errors[error.kind]}</MessageBarTitle>
            {errorDetail(t, error)}
          </MessageBarBody>
          {dismiss}
        </MessageBar>
      )}
      {done && (
        <MessageBar intent={done.intent} layout="multiline">
          <MessageBarBody className={styles.wrap}>{done.text}</MessageBarBody>
          {dismiss}
        </MessageBar>
      )}
      {report && report.notices.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{t.notices}</MessageBarTitle>
            <ul className={styles.notices}>
              {report.notices.map((n, i) => (
                <li key={i}>{t.notice(n.cell ? `${n.sheet}!${n.cell}` : n.sheet, n.message)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** The one message of a pane that cannot start. */
export function StartupMessage(props: { kind: PaneErrorKind | 'notInExcel' }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <MessageBar intent="error" layout="multiline" politeness="assertive">
      <MessageBarBody className={styles.wrap}>{t.errors[props.kind]}</MessageBarBody>
    </MessageBar>
  );
}
