import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { CheckedValue, Finding, TableReport } from '../../engine/report';
import { isDecimal } from '../cell-value';
import { PROFILES } from '../../engine';
import { SeverityCounts } from './SeverityCounts';
import { TableComputation } from './TableComputation';
import { useStrings } from './strings';

/** "99.90" and "99.9" are the same total; anything else compares as text. */
function sameValue(a: string | null, b: string): boolean {
  return a !== null && isDecimal(a) && isDecimal(b) ? Number(a) === Number(b) : a === b;
}

/** More tables than this and the summary starts collapsed, so the findings stay in view. */
const OPEN_UP_TO = 3;

const useStyles = makeStyles({
  heading: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, paddingLeft: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  project: { textAlign: 'start', overflowWrap: 'anywhere' },
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, fontVariantNumeric: 'tabular-nums' },
  term: { color: tokens.colorNeutralForeground3, marginRight: tokens.spacingHorizontalXS },
  wrong: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  profile: { color: tokens.colorNeutralForeground2 },
});

/** Per table: project (selects its anchor), entered → corrected 总分 and grade, findings per severity, 计算过程. */
export function TableSummary(props: { tables: readonly TableReport[]; findings: readonly Finding[]; onSelect: (sheet: string, cell: string) => void }) {
  const t = useStrings();
  const styles = useStyles();

  const fact = (term: string, text: string, wrong = false) => (
    <span>
      <span className={styles.term}>{term}</span>
      <span className={wrong ? styles.wrong : undefined}>{text}</span>
    </span>
  );
  /** The entered value, and "→ computed" where they differ. */
  const value = (term: string, v: CheckedValue | null) => {
    const entered = v?.entered ?? t.empty;
    const differs = v !== null && v.computed !== null && !sameValue(v.entered, v.computed);
    return fact(term, differs ? `${entered} → ${v.computed}` : entered, differs);
  };

  return (
    <Accordion collapsible defaultOpenItems={props.tables.length <= OPEN_UP_TO ? ['summary'] : []}>
      <AccordionItem value="summary">
        <AccordionHeader as="h2" button={{ className: styles.heading }}>{t.summary(props.tables.length)}</AccordionHeader>
        <AccordionPanel>
          <ul className={styles.list}>
            {props.tables.map((table) => {
              const own = props.findings.filter((f) => f.sheet === table.sheet && f.table === table.anchor);
              return (
                <li key={`${table.sheet}!${table.anchor}`} className={styles.table}>
                  <Link as="button" className={styles.project} onClick={() => props.onSelect(table.sheet, table.anchor)}>
                    {table.project ?? t.untitledProject}
                  </Link>
                  <div className={styles.facts}>
                    {value(t.total, table.total.score)}
                    {table.total.rulesTotal != null && fact(t.rulesTotal, table.total.rulesTotal)}
                    {value(t.grade, table.total.grade)}
                  </div>
                  <div className={styles.profile}>
                    {t.tableProfile(PROFILES.find((p) => p.id === table.profile.id)?.name[t.lang] ?? table.profile.id, t.profileChosenBy[table.profile.chosen])}
                  </div>
                  <SeverityCounts findings={own} className={styles.counts} />
                  <TableComputation table={table} onSelect={props.onSelect} />
                </li>
              );
            })}
          </ul>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
