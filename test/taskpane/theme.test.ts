import { paneTheme, type OfficeThemeColors } from '../../src/taskpane/theme';

const theme = (body: [string, string], control: [string, string], isDarkTheme?: boolean): OfficeThemeColors => ({
  bodyBackgroundColor: body[0],
  bodyForegroundColor: body[1],
  controlBackgroundColor: control[0],
  controlForegroundColor: control[1],
  isDarkTheme,
});

test('light, dark and high contrast from Office theme colours', () => {
  expect(paneTheme(theme(['#FFFFFF', '#262626'], ['#F3F3F3', '#262626'], false), false)).toBe('light');
  expect(paneTheme(theme(['#E6E6E6', '#262626'], ['#FFFFFF', '#262626']), false)).toBe('light');
  expect(paneTheme(theme(['#262626', '#FFFFFF'], ['#3B3B3B', '#FFFFFF'], true), false)).toBe('dark');
  expect(paneTheme(theme(['#1F1F1F', '#F0F0F0'], ['#2B2B2B', '#F0F0F0']), false)).toBe('dark');
  expect(paneTheme(theme(['#000000', '#FFFFFF'], ['#000000', '#FFFF00'], true), false)).toBe('highContrast');
  expect(paneTheme(theme(['#FFFFFF', '#000000'], ['#FFFFFF', '#000000']), false)).toBe('highContrast');
});

test('forced colours win; no Office theme or unreadable colours is light', () => {
  expect(paneTheme(theme(['#FFFFFF', '#262626'], ['#F3F3F3', '#262626']), true)).toBe('highContrast');
  expect(paneTheme(undefined, false)).toBe('light');
  expect(paneTheme(theme(['white', 'black'], ['', '']), false)).toBe('light');
});
