import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Actions on the whole result: fill all errors, undo, export, clear marks, insert the sample. */
export function ResultActions(props: {
  busy: boolean;
  hasReport: boolean;
  errorsToFill: number;
  canUndo: boolean;
  /** Excel's own undo replaces 撤销填入. */
  hostUndo: boolean;
  onFillAll: () => void;
  onUndo: () => void;
  onExport: () => void;
  onClear: () => void;
  onInsertSample: () => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  const { busy } = props;
  return (
    <div className={styles.root} role="toolbar" aria-label={t.actions}>
      <Button size="small" disabled={busy || props.errorsToFill === 0} onClick={props.onFillAll}>
        {t.fillAllErrors(props.errorsToFill)}
      </Button>
      {!props.hostUndo && (
        <Button size="small" disabled={busy || !props.canUndo} onClick={props.onUndo}>
          {t.undoFill}
        </Button>
      )}
      <Button size="small" disabled={busy || !props.hasReport} onClick={props.onExport}>
        {t.exportResults}
      </Button>
      <Button size="small" disabled={busy} onClick={props.onClear}>
        {t.clearMarks}
      </Button>
      <Button size="small" disabled={busy} onClick={props.onInsertSample}>
        {t.insertSample}
      </Button>
    </div>
  );
}
