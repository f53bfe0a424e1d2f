import { Badge } from '@fluentui/react-components';
import type { Finding } from '../../engine/report';
import { SEVERITIES, SEVERITY_BADGE } from './severity';
import { useStrings } from './strings';

/** Badges with the number of findings per severity (none for a severity without findings). */
export function SeverityCounts(props: { findings: readonly Finding[]; className?: string }) {
  const t = useStrings();
  return (
    <span className={props.className}>
      {SEVERITIES.map((severity) => {
        const count = props.findings.filter((f) => f.severity === severity).length;
        return (
          count > 0 && (
            <Badge key={severity} appearance="filled" color={SEVERITY_BADGE[severity]}>
              {`${t.severity[severity]} ${count}`}
            </Badge>
          )
        );
      })}
    </span>
  );
}
