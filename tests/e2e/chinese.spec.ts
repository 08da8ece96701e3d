// A person whose browser speaks Simplified Chinese: the window is Chinese from its first screen
// (the catalogue chunk loaded before anything shows), main's refusals and notices are worded from
// codes in Chinese, and counts carry thousands separators. (Switching in place is in
// tests/unit/renderer/language-switch.test.ts; the Settings control that calls it comes with Settings.)
import { expect, test } from './fixtures';
import { shownNotifications as shown } from './notifications';

test.use({ locale: 'zh-CN' });

test('first run, a refused key, a list of 1,200 and a failure, all in Chinese', async ({ page, fake, startHost }) => {
  fake.setPhoto('photo-fail', { kind: 'fail', afterChecks: 0, message: 'Face not detected' });
  const host = await startHost();
  await page.goto(host.url);

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '连接你的 JoggAI 账户' })).toBeVisible();
  // The preview host's memory-only warning arrives as a code and reads in Chinese.
  await expect(page.getByText(/此预览只在内存中保留你的 API 密钥/)).toBeVisible();
  await expect(page.getByText(/keeps your API key in memory only/)).toHaveCount(0);
  // No English sentence anywhere on the first screen (proper nouns and the fake's IDs aside).
  const firstScreen = (await page.locator('body').innerText()).replace(/Avatar Watch|JoggAI|API|jogg\.ai/g, '');
  expect(firstScreen).not.toMatch(/[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/);

  // A refused key: main says `invalid-key`, the window says it in Chinese.
  const keyField = page.getByLabel('API 密钥', { exact: true });
  await keyField.fill('wrong-key');
  await page.getByRole('button', { name: '保存密钥' }).click();
  await expect(page.getByText('密钥未保存。')).toBeVisible();
  await expect(page.getByText(/JoggAI 不接受这个密钥/)).toBeVisible();

  await keyField.fill('good-key');
  await page.getByRole('button', { name: '保存密钥' }).click();
  await expect(page.getByText('已连接：demo-user')).toBeVisible();

  // 1,200 IDs: every count in the window is grouped.
  const ids = ['photo-fail', ...Array.from({ length: 1199 }, (_, i) => `slow-${i}`)];
  await page.getByLabel('照片 ID').fill(ids.join('\n'));
  await page.getByRole('button', { name: '开始监视' }).click();
  await expect(page.getByText('已添加 1,200 张照片')).toBeVisible();
  await expect(page.getByText('1,200 张照片', { exact: true })).toBeVisible();

  const failed = page.getByRole('article', { name: /^photo-fail/ });
  await expect(failed).toContainText('失败', { timeout: 20_000 });
  await expect(failed).toContainText('Face not detected');
  await expect.poll(async () => (await shown(page)).length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect((await shown(page))[0]).toMatchObject({ title: '照片数字人生成失败', body: 'photo-fail：Face not detected' });
});
