// Git for `commit: true` and `push: true` (SPEC §6). Every call goes through execFile with an
// argument array: no shell anywhere, so a name, e-mail, branch or message containing quotes,
// `$(…)`, `;` or newlines reaches git verbatim. The identity is passed per command
// (`git -c user.name=… -c user.email=…`, and the author/committer environment variables that
// would otherwise win over it); git config is never changed.
import { load } from './node.js';

// child_process is loaded on first use: it stays off the start-up path of runs that do not commit.

/** A failed git command: its arguments, exit code and stderr. */
export class GitError extends Error {
  constructor(args, code, stderr) {
    super(`git ${args.join(' ')} failed (exit ${code}): ${stderr.trim() || 'no message'}`);
    this.args = args;
    this.code = code;
    this.stderr = stderr;
  }
}

/** Runs git in `cwd`; resolves with stdout, rejects with a GitError. */
export function git(cwd, args, { env = {}, input } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = load('node:child_process').execFile(
      'git',
      args,
      {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...env },
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : error.code === 'ENOENT' ? 'not found' : error.code;
          reject(new GitError(args, code, String(stderr || error.message)));
        } else {
          resolvePromise(String(stdout));
        }
      },
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

/** The top directory of the work tree that contains `dir`. */
export async function repoRoot(dir) {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch (e) {
    throw new Error(`commit: ${dir} is not inside a git repository (${e.stderr?.trim() || e.message})`);
  }
}

/** The checked-out branch, or '' on a detached HEAD. */
export async function currentBranch(top) {
  try {
    return (await git(top, ['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
  } catch {
    return '';
  }
}

function identity(name, email) {
  return {
    args: ['-c', `user.name=${name}`, '-c', `user.email=${email}`],
    env: {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
    },
  };
}

/**
 * Commits exactly `paths` (relative to `top`, `/`-separated) — nothing else that is staged or
 * dirty — with `message`, authored and committed by name/email. Returns the new commit's sha.
 */
export async function commitPaths({ top, paths, message, name, email }) {
  const who = identity(name, email);
  // `--` ends the options: a path starting with `-` stays a path. Pathspec magic is off so a
  // file name with `*` or `:` is taken literally.
  const literal = { GIT_LITERAL_PATHSPECS: '1' };
  await git(top, ['add', '--', ...paths], { env: literal });
  // With paths, `git commit` commits only those paths (`--only`), whatever else is staged.
  // The message comes on stdin (`-F -`): any text, newlines included, stays as written.
  await git(top, [...who.args, 'commit', '--quiet', '--only', '-F', '-', '--', ...paths], {
    env: { ...who.env, ...literal },
    input: message,
  });
  return (await git(top, ['rev-parse', 'HEAD'])).trim();
}

/** True when git's stderr says the remote refused the push (moved branch or a hook). */
export function isRejection(stderr) {
  return /\[(remote )?rejected\]|non-fast-forward|fetch first|failed to push some refs|cannot lock ref/i.test(stderr);
}

/** Pushes HEAD to `branch` on `remote`. Never forces. */
export async function push({ top, remote, branch }) {
  await git(top, ['push', '--porcelain', remote, `HEAD:refs/heads/${branch}`]);
}

/**
 * Moves to the remote's current head of `branch`, dropping this run's local commit but keeping
 * every uncommitted change (`git reset --keep`); stops with an error when one would be lost.
 */
export async function moveToRemoteHead({ top, remote, branch }) {
  await git(top, ['fetch', '--quiet', remote, `refs/heads/${branch}`]);
  try {
    await git(top, ['reset', '--quiet', '--keep', 'FETCH_HEAD']);
  } catch (e) {
    throw new Error(
      `push: the branch ${branch} moved on ${remote}, and moving to its new head would overwrite ` +
        `uncommitted changes in the work tree, so nothing was discarded (${e.stderr?.trim() || e.message})`,
    );
  }
}

/** Paths of `files` (absolute) relative to `top`, `/`-separated, through their real paths. */
function repoPaths(top, files) {
  const { realpathSync } = load('node:fs');
  const { relative, sep } = load('node:path');
  return files.map((f) => relative(top, realpathSync(f)).split(sep).join('/'));
}

/**
 * Checks before any file is written that a commit (and push) can be made: `directory` is in a
 * git work tree, and a branch to push to is known. Returns { top, branch }.
 */
export async function prepare({ directory, push, pushBranch }) {
  const top = await repoRoot(directory);
  let branch = '';
  if (push) {
    if (pushBranch) {
      try {
        await git(top, ['check-ref-format', '--branch', pushBranch]);
      } catch {
        throw new Error(`push_branch ${JSON.stringify(pushBranch)} is not a valid branch name (see git check-ref-format: no spaces, \`..\`, \`~^:?*[\\\`)`);
      }
    }
    branch = pushBranch || (await currentBranch(top));
    if (!branch) {
      throw new Error('push: HEAD is detached (no branch is checked out); set push_branch to the branch to push to');
    }
  }
  return { top, branch };
}

/**
 * Commits the files a pass wrote and, with `push`, pushes; when the push is refused because the
 * branch moved (two promotions racing), moves to the new remote head keeping uncommitted
 * changes, runs `reapply()` (the same mappings on the fresh tree), commits and pushes again, up
 * to `retries` times. Never forces.
 *   pass      { written: absolute paths, modified: paths relative to directory }
 *   reapply() → a new pass
 *   message(modified) → the commit message
 * Returns { sha, pass }: the commit that landed ('' when a re-application changed nothing) and
 * the pass it holds.
 */
export async function commitAndPush({ top, branch, remote = 'origin', pass, reapply, message, name, email, push: pushing, retries, reporter }) {
  let current = pass;
  let sha = await commitPaths({ top, paths: repoPaths(top, current.written), message: message(current.modified), name, email });
  reporter.info(`committed ${sha}: ${current.written.length} file(s)`);
  if (!pushing) return { sha, pass: current };
  for (let attempt = 1; ; attempt++) {
    try {
      await push({ top, remote, branch });
      reporter.info(`pushed ${sha} to ${remote} ${branch}`);
      return { sha, pass: current };
    } catch (e) {
      const why = e instanceof GitError ? e.stderr.trim() : String(e.message || e);
      if (!(e instanceof GitError) || !isRejection(e.stderr)) {
        throw new Error(`push: pushing to ${remote} ${branch} failed: ${why}`);
      }
      if (attempt > retries) {
        throw new Error(
          `push: ${remote} rejected the push ${attempt} time(s) (push_retries: ${retries}); nothing was forced. Last answer: ${why}`,
        );
      }
      reporter.warning(
        'Push rejected',
        `${remote} rejected the push to ${branch} (the branch moved, or a hook refused it): ` +
          `moving to its new head, re-applying the mappings and retrying (${attempt}/${retries})`,
      );
    }
    await moveToRemoteHead({ top, remote, branch });
    current = reapply();
    if (current.failed) throw new Error('push: re-applying the mappings on the new head failed; see the errors above');
    if (current.written.length === 0) {
      reporter.info(`re-applied on the new head of ${branch}: nothing to change (already promoted); no commit`);
      return { sha: '', pass: current };
    }
    sha = await commitPaths({ top, paths: repoPaths(top, current.written), message: message(current.modified), name, email });
    reporter.info(`committed ${sha} on the new head: ${current.written.length} file(s)`);
  }
}
