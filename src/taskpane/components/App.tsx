import { FluentProvider, Title3, makeStaticStyles, makeStyles, teamsHighContrastTheme, tokens, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Finding } from '../../engine/report';
import { STRINGS, type Lang } from '../i18n';
import { isFillable, type PaneErrorKind, type PaneService } from '../service';
import { CheckPanel } from './CheckPanel';
import { ConfirmFillDialog } from './ConfirmFillDialog';
import { FindingsPanel } from './FindingsPanel';
import { Messages, StartupMessage } from './Messages';
import { ResultActions } from './ResultActions';
import { StringsContext } from './strings';
import { TableSummary } from './TableSummary';
import type { PaneTheme } from '../theme';

/** Fluent's theme for Office's, with Chinese UI fonts before the generic fallback. */
function withChineseFonts(theme: Theme): Theme {
  return {
    ...theme,
    fontFamilyBase: theme.fontFamilyBase.replace(/,\s*sans-serif$/, ", 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif"),
  };
}

const THEMES: Record<PaneTheme, Theme> = {
  light: withChineseFonts(webLightTheme),
  dark: withChineseFonts(webDarkTheme),
  highContrast: withChineseFonts(teamsHighContrastTheme),
};

const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  provider: { minHeight: '100vh' },
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    boxSizing: 'border-box',
  },
  title: { margin: 0 },
});

function Shell(props: { lang: Lang; theme: PaneTheme; children: ReactNode }) {
  useGlobalStyles();
  const styles = useStyles();
  const t = STRINGS[props.lang];
  return (
    <FluentProvider theme={THEMES[props.theme]} lang={props.lang === 'zh' ? 'zh-CN' : 'en'} className={styles.provider} data-theme={props.theme}>
      <StringsContext.Provider value={t}>
        <main className={styles.root}>
          <Title3 as="h1" className={styles.title}>
            {t.title}
          </Title3>
          {props.children}
        </main>
      </StringsContext.Provider>
    </FluentProvider>
  );
}

/** The pane when it cannot work at all (not in Excel, Excel too old). */
export function StartupErrorApp(props: { lang: Lang; theme: PaneTheme; kind: PaneErrorKind | 'notInExcel' }) {
  return (
    <Shell lang={props.lang} theme={props.theme}>
      <StartupMessage kind={props.kind} />
    </Shell>
  );
}

export function App(props: { service: PaneService; lang: Lang; theme: PaneTheme }) {
  const { service } = props;
  const state = useSyncExternalStore(service.subscribe, service.getState);
  // The dialog stays mounted and is closed through `open`: unmounting an open Fluent dialog
  // leaves the rest of the pane aria-hidden. The findings stay for the closing transition.
  const [fillRequest, setFillRequest] = useState<{ findings: readonly Finding[]; open: boolean }>({ findings: [], open: false });
  const askFill = (findings: readonly Finding[]) => setFillRequest({ findings, open: true });
  const closeFill = () => setFillRequest({ ...fillRequest, open: false });
  const errorsToFill = state.findings.filter((f) => f.severity === 'error' && isFillable(f));

  return (
    <Shell lang={props.lang} theme={props.theme}>
      <CheckPanel busy={state.busy} progress={state.progress} profile={state.report?.profile ?? null} onCheck={(scope, profile) => service.check(scope, profile)} />
      <Messages state={state} onDismiss={service.dismissMessages} />
      <ResultActions
        busy={state.busy}
        hasReport={state.report !== null}
        errorsToFill={errorsToFill.length}
        canUndo={state.canUndo}
        hostUndo={state.hostUndo}
        onFillAll={() => askFill(errorsToFill)}
        onUndo={() => service.undoFill()}
        onExport={() => service.exportResults()}
        onClear={() => service.clearMarks()}
        onInsertSample={() => service.insertSample()}
      />
      {state.report && (
        <>
          <TableSummary tables={state.report.tables} findings={state.findings} onSelect={(sheet, cell) => service.select(sheet, cell)} />
          <FindingsPanel
            findings={state.findings}
            tables={state.report.tables}
            ignoredCount={state.ignoredCount}
            busy={state.busy}
            onSelect={(f) => service.select(f.sheet, f.cell)}
            onIgnore={(f) => service.ignore(f)}
            onRestoreIgnored={() => service.restoreIgnored()}
            onFill={(f) => askFill([f])}
          />
        </>
      )}
      <ConfirmFillDialog
        open={fillRequest.open}
        items={service.planFill(fillRequest.findings)}
        hostUndo={state.hostUndo}
        onConfirm={() => {
          closeFill();
          void service.fill(fillRequest.findings);
        }}
        onCancel={closeFill}
      />
    </Shell>
  );
}
