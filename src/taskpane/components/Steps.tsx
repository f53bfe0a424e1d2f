import type { ExplanationStep } from '../../engine/report';
import { useStrings } from './strings';

/** An explanation's steps, numbered, in the pane's language. */
export function Steps(props: { steps: readonly ExplanationStep[]; className?: string }) {
  const t = useStrings();
  return (
    <ol className={props.className}>
      {props.steps.map((step, i) => (
        <li key={i}>{step[t.lang]}</li>
      ))}
    </ol>
  );
}
