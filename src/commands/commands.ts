/**
 * The ribbon's function file. The manifest's FunctionFile element is required even though the
 * add-in's only command (ShowTaskpane) needs no code; Office waits for onReady here.
 */
void Office.onReady();
