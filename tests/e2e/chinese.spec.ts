// A person whose browser speaks Simplified Chinese: the window is Chinese from its first screen
// (the catalogue chunk loaded before anything shows), main's refusals and notices are worded from
// codes in Chinese, and counts carry thousands separators; and what the first wave added (welcome,
// Settings, labels, selection and undo) is Chinese too, found by its Chinese names.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { FIRST_ANSWER, expect, row, test } from './fixtures';
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

/** The window's text with proper nouns and the fake's IDs and labels taken out: what is left must not be English. */
async function englishLeft(page: Page): Promise<string[]> {
  const text = (await page.locator('body').innerText()).replace(/Avatar Watch|JoggAI|API|jogg\.ai|demo-user|zh-[a-z]+|Face not detected|photo_id|CSV|JSON|English/g, '');
  return text.match(/[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/g) ?? [];
}

test('welcome, Settings, a label, selection and undo, all in Chinese', async ({ page, fake, startHost }) => {
  fake.setPhoto('zh-fail', { kind: 'fail', afterChecks: 0, message: 'Face not detected' });
  fake.setPhoto('zh-ready', { kind: 'ready', afterChecks: 0 });
  fake.setPhoto('zh-running', { kind: 'status', status: 'in_progress' });
  const host = await startHost();
  await page.goto(host.url);

  // The first run is a welcome, in Chinese, not a paused banner.
  const welcome = page.getByRole('region', { name: '欢迎使用 Avatar Watch' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('照片 ID 是你创建照片数字人时 JoggAI 返回的值');
  await expect(welcome.getByRole('link', { name: '打开 jogg.ai' })).toHaveAttribute('href', 'https://www.jogg.ai/');
  await expect(page.getByText('检查已暂停')).toHaveCount(0);
  expect(await englishLeft(page)).toEqual([]);
  await welcome.getByRole('button', { name: '添加你的 API 密钥' }).click();
  const keyField = page.getByLabel('API 密钥', { exact: true });
  await expect(keyField).toBeFocused();
  await keyField.fill('good-key');
  await page.getByRole('button', { name: '保存密钥' }).click();
  await expect(page.getByText('已连接：demo-user')).toBeVisible();

  // Settings: a Chinese dialog whose controls are named by their Chinese words.
  const opener = page.getByRole('button', { name: '设置', exact: true });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: '设置' });
  await expect(dialog).toBeVisible();
  const onFailed = dialog.getByRole('checkbox', { name: '照片数字人生成失败时通知我' });
  await expect(onFailed).toBeChecked();
  await dialog.getByRole('checkbox', { name: '通知时播放提示音' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  const rate = dialog.getByLabel('每秒请求数（0.2 到 5）');
  await rate.fill('50');
  await rate.press('Tab');
  await expect(dialog.getByText('请输入 0.2 到 5 之间的数字。')).toBeVisible();
  await rate.fill('1');
  await rate.press('Tab');
  await expect(dialog.getByRole('radio', { name: '跟随系统' })).toBeChecked();
  expect(await englishLeft(page)).toEqual([]);
  expect((await new AxeBuilder({ page }).include('dialog').analyze()).violations).toEqual([]);
  // The language choice switches the window in place, and back.
  const language = dialog.getByRole('combobox', { name: '语言' });
  await language.selectOption({ label: 'English（英语）' });
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '简体中文 (Simplified Chinese)' });
  await expect(dialog).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await page.getByLabel('照片 ID', { exact: true }).fill('zh-fail\nzh-ready\nzh-running');
  await page.getByRole('button', { name: '开始监视' }).click();
  await expect(page.getByText('已添加 3 张照片')).toBeVisible();
  await expect(row(page, 'zh-fail')).toContainText('失败', FIRST_ANSWER);
  await expect(row(page, 'zh-ready')).toContainText('已就绪', FIRST_ANSWER);

  // A label added inline, then found by the search.
  await row(page, 'zh-running').getByRole('button', { name: '添加标签' }).click();
  const field = row(page, 'zh-running').getByLabel('标签', { exact: true });
  await expect(field).toBeFocused();
  await field.fill('春季活动');
  await field.press('Enter');
  await expect(row(page, 'zh-running').getByRole('button', { name: '编辑标签：春季活动' })).toBeFocused();
  await page.getByLabel('搜索').fill('春季');
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByText('显示 1 张，共 3 张照片')).toBeVisible();
  await page.getByLabel('搜索').fill('');
  await expect(page.getByRole('article')).toHaveCount(3);

  // Selection and undo: the bar, the toast and its button speak Chinese.
  await page.getByRole('checkbox', { name: '选择 zh-ready' }).click();
  await page.getByRole('checkbox', { name: '选择 zh-fail' }).click();
  const bar = page.getByRole('group', { name: '批量操作照片' });
  await expect(bar).toContainText('已选择 2 张');
  expect(await englishLeft(page)).toEqual([]);
  await bar.getByRole('button', { name: '移除', exact: true }).click();
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: '已移除 2 张照片' })).toBeVisible();
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(page.getByRole('article')).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: '已恢复 2 张照片' })).toBeVisible();
  await expect(row(page, 'zh-fail')).toContainText('Face not detected');
});
