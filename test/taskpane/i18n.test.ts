import { STRINGS, langFromDisplayLanguage } from '../../src/taskpane/i18n';

test('English for English display languages, Chinese otherwise', () => {
  expect(langFromDisplayLanguage('en-US')).toBe('en');
  expect(langFromDisplayLanguage('EN-gb')).toBe('en');
  expect(langFromDisplayLanguage('zh-CN')).toBe('zh');
  expect(langFromDisplayLanguage('de-DE')).toBe('zh');
  expect(langFromDisplayLanguage(undefined)).toBe('zh');
  expect(STRINGS.zh.lang).toBe('zh');
  expect(STRINGS.en.lang).toBe('en');
});
