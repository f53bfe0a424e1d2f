import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { FillItem } from '../service';
import { useStrings } from './strings';

const useStyles = makeStyles({
  surface: { maxWidth: 'calc(100vw - 24px)', boxSizing: 'border-box' },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: '40vh',
    overflowY: 'auto',
    ':focus-visible': { outlineWidth: tokens.strokeWidthThick, outlineStyle: 'solid', outlineColor: tokens.colorStrokeFocus2 },
  },
  item: { overflowWrap: 'anywhere', fontVariantNumeric: 'tabular-nums' },
  formula: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** Asks before overwriting cells with computed values, listing every cell and what it gets. */
export function ConfirmFillDialog(props: { open: boolean; items: readonly FillItem[]; hostUndo: boolean; onConfirm: () => void; onCancel: () => void }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, data) => !data.open && props.onCancel()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t.confirmFillTitle}</DialogTitle>
          <DialogContent>
            <p>{t.confirmFillBody(props.items.length, props.hostUndo)}</p>
            {/* Focusable: a long list scrolls, and the keyboard must reach it (axe: scrollable-region-focusable). */}
            <ul className={styles.list} tabIndex={0} aria-label={t.confirmFillTitle}>
              {props.items.map(({ finding, replacesFormula }) => (
                <li key={`${finding.sheet}!${finding.cell}`} className={styles.item}>
                  {t.fillLine(`${finding.sheet}!${finding.cell}`, finding.entered ?? t.empty, finding.expected ?? t.empty)}
                  {replacesFormula && <span className={styles.formula}>{t.formulaReplaced}</span>}
                </li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onConfirm}>
              {t.confirm}
            </Button>
            <Button onClick={props.onCancel}>{t.cancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
