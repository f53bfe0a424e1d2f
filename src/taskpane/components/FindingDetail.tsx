import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Finding } from '../../engine/report';
import { isFillable } from '../service';
import { Steps } from './Steps';
import { useStrings } from './strings';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    marginLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  values: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', fontVariantNumeric: 'tabular-nums' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  explanation: { margin: 0, overflowWrap: 'anywhere' },
  code: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** The current finding: entered and computed values, 解释, 填入计算值, 忽略. */
export function FindingDetail(props: { finding: Finding; busy: boolean; onIgnore: () => void; onFill: () => void }) {
  const t = useStrings();
  const styles = useStyles();
  const [explained, setExplained] = useState(false);
  const f = props.finding;
  const explanationId = useId();
  return (
    <div className={styles.root}>
      <dl className={styles.values}>
        <dt className={styles.term}>{t.entered}</dt>
        <dd className={styles.value}>{f.entered ?? t.empty}</dd>
        {f.expected !== null && (
          <>
            <dt className={styles.term}>{t.expected}</dt>
            <dd className={styles.value}>{f.expected}</dd>
          </>
        )}
      </dl>
      <div className={styles.actions}>
        <Button size="small" aria-expanded={explained} aria-controls={explanationId} onClick={() => setExplained(!explained)}>
          {explained ? t.hideExplanation : t.explain}
        </Button>
        {isFillable(f) && (
          <Button size="small" disabled={props.busy} onClick={props.onFill}>
            {t.fill}
          </Button>
        )}
        <Button size="small" disabled={props.busy} onClick={props.onIgnore}>
          {t.ignore}
        </Button>
      </div>
      {explained && (
        <div id={explanationId} className={styles.explanation}>
          {/* The finding code (README, JSON report) is English: shown in the English pane only. */}
          {t.lang === 'en' && <div className={styles.code}>{f.code}</div>}
          <Steps steps={f.steps} className={styles.steps} />
        </div>
      )}
    </div>
  );
}
