import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { TableReport } from '../../engine/report';
import { computedValues } from '../computed-values';
import { Steps } from './Steps';
import { useStrings } from './strings';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  label: { textAlign: 'start', overflowWrap: 'anywhere' },
  values: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground2 },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, overflowWrap: 'anywhere' },
});

/** 计算过程 of one table, for trainers: each computed value, its cell (selectable) and its steps. */
export function TableComputation(props: { table: TableReport; onSelect: (sheet: string, cell: string) => void }) {
  const t = useStrings();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const values = open ? computedValues(props.table, t) : [];
  return (
    <div>
      <Button size="small" appearance="subtle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {open ? t.hideComputation : t.showComputation}
      </Button>
      {open && (
        <ol id={listId} className={styles.list}>
          {values.map((v) => (
            <li key={`${v.cell}:${v.label}`} className={styles.item}>
              <Link as="button" className={styles.label} onClick={() => props.onSelect(props.table.sheet, v.cell)}>
                {`${v.cell} ${v.label}`}
              </Link>
              <span className={styles.values}>{`${t.entered} ${v.entered ?? t.empty} · ${t.expected} ${v.computed}`}</span>
              {v.steps.length > 0 && <Steps steps={v.steps} className={styles.steps} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
