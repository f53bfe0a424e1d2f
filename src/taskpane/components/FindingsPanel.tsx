import { Badge, Button, Field, Subtitle2, makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Finding, Severity, TableReport } from '../../engine/report';
import { findingKey } from '../service';
import { FindingDetail } from './FindingDetail';
import { SEVERITIES, SEVERITY_BADGE } from './severity';
import { SeverityCounts } from './SeverityCounts';
import { NarrowSelect } from './NarrowSelect';
import { useStrings } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  nav: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  position: { color: tokens.colorNeutralForeground3 },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  groupHeading: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS, margin: 0 },
  groupTitle: { margin: 0, overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outlineWidth: tokens.strokeWidthThick, outlineStyle: 'solid', outlineColor: tokens.colorStrokeFocus2 },
  },
  current: { ...shorthands.borderColor(tokens.colorBrandStroke1), backgroundColor: tokens.colorBrandBackground2 },
  badge: { flexShrink: 0 },
  cell: { flexShrink: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  message: { minWidth: 0, overflowWrap: 'anywhere' },
});

type Filter = Severity | 'all';

/** Findings of one table, in report order. */
interface Group {
  key: string;
  title: string;
  findings: Finding[];
}

/** Groups `shown` by table (sheet · project), in the order the tables first appear. */
function groupByTable(shown: readonly Finding[], tables: readonly TableReport[], untitled: string): Group[] {
  const groups = new Map<string, Group>();
  for (const f of shown) {
    const key = `${f.sheet}!${f.table}`;
    let group = groups.get(key);
    if (!group) {
      const project = tables.find((t) => t.sheet === f.sheet && t.anchor === f.table)?.project ?? untitled;
      groups.set(key, (group = { key, title: `${f.sheet} · ${project}`, findings: [] }));
    }
    group.findings.push(f);
  }
  return [...groups.values()];
}

/**
 * The findings, filtered by severity and grouped by table (sheet · project, with the counts per
 * severity), walked with 上一个/下一个 across the groups; the current one shows its details.
 */
export function FindingsPanel(props: {
  findings: readonly Finding[];
  tables: readonly TableReport[];
  ignoredCount: number;
  busy: boolean;
  onSelect: (f: Finding) => void;
  onIgnore: (f: Finding) => void;
  onRestoreIgnored: () => void;
  onFill: (f: Finding) => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>('all');
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const shown = filter === 'all' ? props.findings : props.findings.filter((f) => f.severity === filter);
  const index = shown.findIndex((f) => findingKey(f) === currentKey);
  const manySheets = new Set(props.findings.map((f) => f.sheet)).size > 1;
  const groups = groupByTable(shown, props.tables, t.untitledProject);

  useEffect(() => {
    if (currentKey) items.current.get(currentKey)?.scrollIntoView({ block: 'nearest' });
  }, [currentKey]);

  const go = (f: Finding) => {
    setCurrentKey(findingKey(f));
    props.onSelect(f);
  };

  return (
    <section className={styles.root} aria-labelledby="findings-title">
      <Subtitle2 as="h2" id="findings-title" className={styles.heading}>
        {t.findings(props.findings.length)}
      </Subtitle2>
      <Field label={t.filter}>
        <NarrowSelect value={filter} onChange={(_, data) => setFilter(data.value as Filter)}>
          <option value="all">{`${t.filterAll} ${props.findings.length}`}</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {`${t.severity[severity]} ${props.findings.filter((f) => f.severity === severity).length}`}
            </option>
          ))}
        </NarrowSelect>
      </Field>
      <div className={styles.nav}>
        <Button size="small" disabled={index <= 0} onClick={() => go(shown[index - 1])}>
          {t.previous}
        </Button>
        <Button size="small" disabled={index >= shown.length - 1} onClick={() => go(shown[index + 1])}>
          {t.next}
        </Button>
        <span className={styles.position} aria-live="polite">
          {index >= 0 ? t.position(index + 1, shown.length) : ''}
        </span>
        {props.ignoredCount > 0 && (
          <Button size="small" appearance="subtle" disabled={props.busy} onClick={props.onRestoreIgnored}>
            {t.restoreIgnored(props.ignoredCount)}
          </Button>
        )}
      </div>
      {shown.length === 0 ? (
        <p>{t.noFindings}</p>
      ) : (
        <div className={styles.groups}>
          {groups.map((group, g) => (
            <section key={group.key} className={styles.group} aria-labelledby={`findings-group-${g}`}>
              <div className={styles.groupHeading}>
                <h3 id={`findings-group-${g}`} className={styles.groupTitle}>
                  {group.title}
                </h3>
                <SeverityCounts findings={props.findings.filter((f) => `${f.sheet}!${f.table}` === group.key)} className={styles.groupHeading} />
              </div>
              <ul className={styles.list} aria-labelledby={`findings-group-${g}`}>
                {group.findings.map((f) => {
                  const key = findingKey(f);
                  const current = key === currentKey;
                  const place = manySheets ? `${f.sheet}!${f.cell}` : f.cell;
                  return (
                    <li
                      key={key}
                      data-finding=""
                      ref={(el) => {
                        if (el) items.current.set(key, el);
                        else items.current.delete(key);
                      }}
                    >
                      <button
                        type="button"
                        className={mergeClasses(styles.item, current && styles.current)}
                        aria-current={current ? 'true' : undefined}
                        aria-expanded={current}
                        aria-label={t.findingLabel(place, t.severity[f.severity], f.message)}
                        onClick={() => go(f)}
                      >
                        <Badge className={styles.badge} appearance="filled" color={SEVERITY_BADGE[f.severity]}>
                          {t.severity[f.severity]}
                        </Badge>
                        <span className={styles.cell}>{place}</span>
                        <span className={styles.message}>{f.message}</span>
                      </button>
                      {current && <FindingDetail finding={f} busy={props.busy} onIgnore={() => props.onIgnore(f)} onFill={() => props.onFill(f)} />}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
