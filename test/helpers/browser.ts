// Headless Chromium (Debian's, driven by playwright-core) for tests that pass
// through web pages as a user would: the OAuth sign-in and consent pages. Every
// page a test passes can be saved as a PNG under the OS temp dir, its path
// reported through `log` (t.diagnostic), so a reviewer can look at each one.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

/** Debian's Chromium: playwright's own browser download cannot run here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// No sandbox (tests run as root in containers), no GPU, and nothing that phones home or updates.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export type TestBrowser = {
  /** The browser's one context (cookies, storage), like one user's browser: a persistent context has no separate Browser. */
  context: BrowserContext
  /** Where the screenshots go: a fresh directory under the OS temp dir unless given. */
  screenshotDir: string
  /** Opens a fresh tab in the context. */
  newPage(): Promise<Page>
  /** Saves a full-page PNG `<NN>-<name>.png`, reports its path through `log`, returns it. */
  screenshot(page: Page, name: string): Promise<string>
  close(): Promise<void>
}

export type BrowserOpts = {
  /** Receives one line per screenshot (pass `t.diagnostic`); silent if absent. */
  log?: (line: string) => void
  /** Screenshot directory; default a new `primal-pds-screens-*` under the OS temp dir, kept after close. */
  screenshotDir?: string
}

/** Launches headless Chromium with a fresh user-data dir (removed on close). */
export async function startBrowser(opts: BrowserOpts = {}): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'chromium-profile-'))
  const screenshotDir = opts.screenshotDir ?? (await mkdtemp(join(tmpdir(), 'primal-pds-screens-')))
  await mkdir(screenshotDir, { recursive: true })
  // A persistent context is how playwright takes a user-data dir; it is also the browser's one context.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1000, height: 900 },
  })
  let shots = 0
  let closing: Promise<void> | undefined
  return {
    context,
    screenshotDir,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      shots += 1
      const file = join(screenshotDir, `${String(shots).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '_')}.png`)
      await page.screenshot({ path: file, fullPage: true })
      opts.log?.(`screenshot ${name}: ${file} (${page.url()})`)
      return file
    },
    close() {
      closing ??= (async () => {
        await context.close()
        await rm(userDataDir, { recursive: true, force: true })
      })()
      return closing
    },
  }
}
