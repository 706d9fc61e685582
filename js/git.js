// Git for `commit: true` and `push: true` (SPEC §6). Every call goes through execFile with an
// argument array: no shell anywhere, so a name, e-mail, branch or message containing quotes,
// `$(…)`, `;` or newlines reaches git verbatim. The identity is passed per command
// (`git -c user.name=… -c user.email=…`, and the author/committer environment variables that
// would otherwise win over it); git config is never changed.
import { execFile } from 'node:child_process';

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
    const child = execFile(
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
