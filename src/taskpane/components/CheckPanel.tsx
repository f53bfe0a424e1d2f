import { Button, Field, ProgressBar, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { PROFILES } from '../../engine';
import type { ProfileChoice } from '../../engine/report';
import type { Scope } from '../../office/types';
import type { ProfileSetting } from '../service';
import { NarrowSelect } from './NarrowSelect';
import { useStrings } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  check: { alignSelf: 'flex-start', minWidth: '96px' },
});

export function CheckPanel(props: {
  busy: boolean;
  progress: { done: number; total: number } | null;
  /** The profile the last check used, to show what "automatic" chose. */
  profile: ProfileChoice | null;
  onCheck: (scope: Scope, profile: ProfileSetting) => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  const [scope, setScope] = useState<Scope>('active');
  const [profile, setProfile] = useState<ProfileSetting>('auto');
  const { lang } = t;
  const auto = props.profile?.chosen === 'auto' ? props.profile : null;
  const shown = PROFILES.find((p) => p.id === (profile === 'auto' ? auto?.id : profile));
  const chosen = profile === 'auto' && auto;
  const suggested = chosen && auto.suggestion ? PROFILES.find((p) => p.id === auto.suggestion?.id) : undefined;
  const suggestion = suggested ? ` ${t.profileSuggestion(suggested.name[lang])}` : '';
  const hint = shown && (chosen ? `${t.profileChosen(shown.name[lang], auto)} ${shown.description[lang]}${suggestion}` : shown.description[lang]);
  const { progress } = props;

  return (
    <section className={styles.root} aria-label={t.check}>
      <Field label={t.scope}>
        <RadioGroup layout="horizontal" value={scope} onChange={(_, data) => setScope(data.value as Scope)}>
          <Radio value="active" label={t.scopeActive} />
          <Radio value="all" label={t.scopeAll} />
        </RadioGroup>
      </Field>
      <Field label={t.profile} hint={hint}>
        <NarrowSelect value={profile} onChange={(_, data) => setProfile(data.value)}>
          <option value="auto">{t.profileAuto}</option>
          {PROFILES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name[lang]}
            </option>
          ))}
        </NarrowSelect>
      </Field>
      <Button appearance="primary" className={styles.check} disabled={props.busy} onClick={() => props.onCheck(scope, profile)}>
        {props.busy && progress ? t.checking : t.check}
      </Button>
      {progress && (
        <Field validationMessage={progress.total > 0 ? t.progress(progress.done, progress.total) : t.checking} validationState="none">
          <ProgressBar value={progress.total > 0 ? progress.done / progress.total : undefined} aria-label={t.checking} />
        </Field>
      )}
    </section>
  );
}
