/**
 * The entry page's script: the callbacks ribbon.xml names, as globals of the page (WPS calls
 * them by name). 核分 opens the task pane (taskpane.html beside this page) or hides and shows
 * it again; 说明 opens the help page in a dialog.
 */
import type { WpsAddinRoot } from './et';

/** PluginStorage is shared by the add-in's pages for the session: the pane is created once. */
const PANE_ID = 'selfeval.taskpane';
/** Kso.MsoCTPDockPosition.msoCTPDockPositionRight */
const DOCK_RIGHT = 2;
const PANE_WIDTH = 360;

export interface RibbonControl {
  Id: string;
}

const here = (file: string) => new URL(file, window.location.href).href;

export function ribbonCallbacks(app: () => WpsAddinRoot) {
  return {
    OnAddinLoad(): boolean {
      return true;
    },
    OnAction(control: RibbonControl): boolean {
      if (control.Id === 'selfevalShowPane') {
        const storage = app().PluginStorage;
        const id = Number(storage.getItem(PANE_ID));
        if (id) {
          const pane = app().GetTaskPane(id);
          pane.Visible = !pane.Visible;
        } else {
          const pane = app().CreateTaskPane(here('taskpane.html'), '绩效自评核分');
          pane.DockPosition = DOCK_RIGHT;
          pane.Width = PANE_WIDTH;
          pane.Visible = true;
          storage.setItem(PANE_ID, pane.ID);
        }
      } else if (control.Id === 'selfevalHelp') {
        app().ShowDialog(here('assets/help.html'), '绩效自评核分 · 说明', 640 * window.devicePixelRatio, 720 * window.devicePixelRatio, false);
      }
      return true;
    },
    GetImage(control: RibbonControl): string {
      return control.Id === 'selfevalHelp' ? 'assets/help-32.svg' : 'assets/icon-32.png';
    },
  };
}

Object.assign(window, ribbonCallbacks(() => (window as unknown as { Application: WpsAddinRoot }).Application));
