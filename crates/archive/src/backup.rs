//! `khabar backup`: a consistent copy of the archive, made while an ingest may be writing to it
//! in another process.
//!
//! The copy must keep the archive's invariant: the index never covers a key the record lacks.
//! So the index is copied first and the record after it. Everything the index snapshot covers
//! was committed to the record before the snapshot was taken, so the later record snapshot
//! holds it too; whatever the record gained in between is indexed when the copy is opened for
//! writing, as after a crash ([`Archive::open`] catches the index up).
//!
//! - **Index.** tantivy never changes a segment file once written: a commit or a merge writes
//!   new files, then a new `meta.json`, and its garbage collection deletes the files no
//!   segment uses any more. The copy reads `meta.json` and opens every file its segments need
//!   while holding tantivy's meta lock (the lock tantivy's own readers take for this: the
//!   garbage collector does not delete while another process holds it), then lets go of the
//!   lock and copies from the open files, which stay readable even if they are deleted
//!   meanwhile. The lock is held for the time of opening a few dozen files, so a writer's
//!   garbage collection (or a server's reload) never waits long. A file that is gone anyway
//!   (a `khabar reindex` deletes the whole index) starts the index copy over, a few times at
//!   most.
//! - **Record.** SQLite's online backup API, in one step. The record is in WAL mode, where a
//!   reader never blocks a writer: the backup reads one snapshot while the ingest goes on
//!   committing. (A backup in several steps would restart from the beginning after each
//!   commit of another process, that is after every batch of a running ingest, and might never
//!   end.)
//! - **Atomic.** Everything is written to a directory beside the destination
//!   (`NAME.partial-PID`), synced, opened as an archive (which catches its index up) and
//!   verified; only then is it renamed to the destination. A backup that fails leaves nothing
//!   that looks like an archive.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::directory::{Directory, META_LOCK};
use tantivy::index::SegmentComponent;
use tantivy::Index;

use crate::{dir_size, Archive, Error};

/// What [`Archive::backup`] made.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BackupReport {
    /// Where the copy is.
    pub dest: PathBuf,
    /// Articles in the copy's record.
    pub articles: u64,
    /// Articles in the copy's index (equal to `articles`: the copy is verified).
    pub indexed: u64,
    /// Articles the copied index did not hold yet (stored while the copy was made, or not
    /// committed to the index then), indexed in the copy after copying.
    pub caught_up: u64,
    /// Files of the index snapshot.
    pub index_files: u64,
    /// Times the index copy was started (more than 1 when files vanished under it).
    pub index_attempts: u32,
    /// Bytes of the copy's record.
    pub record_bytes: u64,
    /// Bytes of the copy's index.
    pub index_bytes: u64,
    /// Seconds the whole backup took, verification included.
    pub seconds: f64,
}

/// Times the index copy is started before giving up.
const INDEX_ATTEMPTS: u32 = 5;

/// How long the record copy waits for a lock (a WAL recovery, say) before giving up.
const RECORD_BUSY: Duration = Duration::from_secs(30);

impl Archive {
    /// Copies the archive to `dest`, a directory that must not exist yet or be empty, while
    /// other processes may go on writing to this archive. The copy is a complete archive
    /// (restore it by pointing `--data` at it, or by copying it back), verified before it is
    /// put in place; see the module documentation for how it stays consistent.
    pub fn backup(&self, dest: &Path) -> Result<BackupReport, Error> {
        let started = Instant::now();
        refuse_non_empty(dest)?;
        let partial = partial_path(dest)?;
        if let Some(parent) = partial.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::create_dir(&partial)?;
        match self.backup_into(&partial) {
            Ok(mut report) => {
                // An empty destination directory gives way to the copy (rename cannot replace
                // a directory everywhere); one that filled up meanwhile makes this fail.
                let put = match std::fs::remove_dir(dest) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                    _ => std::fs::rename(&partial, dest),
                };
                if let Err(e) = put {
                    let _ = std::fs::remove_dir_all(&partial);
                    return Err(Error::Io(std::io::Error::new(
                        e.kind(),
                        format!("putting the copy at {}: {e}", dest.display()),
                    )));
                }
                sync_dir(dest.parent().unwrap_or(Path::new(".")));
                report.dest = dest.to_path_buf();
                report.seconds = started.elapsed().as_secs_f64();
                Ok(report)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&partial);
                Err(e)
            }
        }
    }

    /// Copies index then record into `dir` (empty), then opens and verifies the copy.
    fn backup_into(&self, dir: &Path) -> Result<BackupReport, Error> {
        // The index first: see the module documentation.
        let snapshot = copy_index(&self.dir.join("index"), &dir.join("index"))?;
        self.copy_record(&dir.join("khabar.sqlite"))?;

        let copy = Archive::open(dir, true)?;
        let v = copy.verify()?;
        drop(copy);
        // The last connection to close, and one that may write: SQLite checkpoints the WAL
        // into the record file and removes it, so the copy is `khabar.sqlite` and `index/`.
        rusqlite::Connection::open(dir.join("khabar.sqlite"))?
            .close()
            .map_err(|(_, e)| e)?;
        if !v.is_consistent() {
            return Err(Error::Io(std::io::Error::other(format!(
                "the copy is not consistent, so it was not kept: {}",
                v.problems.join("; ")
            ))));
        }
        sync_tree(dir)?;
        Ok(BackupReport {
            articles: v.articles,
            indexed: v.indexed,
            caught_up: v.indexed.saturating_sub(snapshot.docs),
            index_files: snapshot.files,
            index_attempts: snapshot.attempts,
            record_bytes: dir_size(&dir.join("khabar.sqlite")),
            index_bytes: dir_size(&dir.join("index")),
            ..BackupReport::default()
        })
    }

    /// Copies the record to `dest` (a new file) with SQLite's online backup, in one step: in
    /// WAL mode that reads one snapshot without blocking writers.
    fn copy_record(&self, dest: &Path) -> Result<(), Error> {
        use rusqlite::backup::{Backup, StepResult};
        let source = self.read_record()?;
        let mut out = rusqlite::Connection::open(dest)?;
        {
            let backup = Backup::new(source.conn(), &mut out)?;
            let waiting = Instant::now();
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    // Busy or Locked (or a kind of wait SQLite adds later): wait, a while.
                    _ => {
                        if waiting.elapsed() > RECORD_BUSY {
                            return Err(Error::Io(std::io::Error::other(format!(
                                "the record stayed locked for {} s; try again",
                                RECORD_BUSY.as_secs()
                            ))));
                        }
                        std::thread::sleep(Duration::from_millis(50));
                    }
                }
            }
        }
        out.close().map_err(|(_, e)| e)?;
        Ok(())
    }
}

/// An error unless `dest` is absent or an empty directory.
fn refuse_non_empty(dest: &Path) -> Result<(), Error> {
    let taken = match std::fs::read_dir(dest) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        // A file, or a directory we may not read.
        Err(_) => true,
    };
    if taken {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "{} already exists and is not an empty directory: a backup goes to a new or \
                 empty directory, and nothing was written",
                dest.display()
            ),
        )));
    }
    Ok(())
}

/// The directory the copy is made in before it is renamed to `dest`: beside it, named after
/// it and this process.
fn partial_path(dest: &Path) -> Result<PathBuf, Error> {
    let name = dest.file_name().ok_or_else(|| {
        Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{}: not a directory name to back up to", dest.display()),
        ))
    })?;
    let mut partial = name.to_os_string();
    partial.push(format!(".partial-{}", std::process::id()));
    Ok(dest.with_file_name(partial))
}

/// What an index snapshot holds.
#[derive(Default)]
struct IndexSnapshot {
    files: u64,
    /// Documents in its segments.
    docs: u64,
    attempts: u32,
}

/// Why one attempt at copying the index failed.
enum Attempt {
    /// The index changed under the copy (a file vanished, `meta.json` was being replaced):
    /// worth starting over.
    Changed(Error),
    /// Anything else (the destination's disk, say).
    Failed(Error),
}

/// Copies the index in `src` to `dst` (absent), starting over when it changes under the copy.
/// No index yet (nothing committed to it) copies nothing: the copy then builds its index from
/// its record when opened.
fn copy_index(src: &Path, dst: &Path) -> Result<IndexSnapshot, Error> {
    let mut last = None;
    for attempt in 1..=INDEX_ATTEMPTS {
        if !src.join("meta.json").exists() {
            return Ok(IndexSnapshot {
                attempts: attempt,
                ..IndexSnapshot::default()
            });
        }
        if dst.exists() {
            std::fs::remove_dir_all(dst)?;
        }
        match copy_index_once(src, dst) {
            Ok(mut snapshot) => {
                snapshot.attempts = attempt;
                return Ok(snapshot);
            }
            Err(Attempt::Failed(e)) => return Err(e),
            Err(Attempt::Changed(e)) => {
                tracing::info!("the search index changed while it was copied ({e}); again");
                last = Some(e);
            }
        }
    }
    let last = last.map(|e| e.to_string()).unwrap_or_default();
    Err(Error::Io(std::io::Error::other(format!(
        "the search index kept changing while it was copied ({INDEX_ATTEMPTS} attempts, the \
         last failed with: {last}); run the backup again, and if this persists `khabar verify` \
         checks the index (`khabar reindex` rebuilds it from the record)"
    ))))
}

fn copy_index_once(src: &Path, dst: &Path) -> Result<IndexSnapshot, Attempt> {
    let changed = |e: Error| Attempt::Changed(e);
    let failed = |e: std::io::Error| Attempt::Failed(Error::Io(e));
    let index = Index::open_in_dir(src).map_err(|e| changed(e.into()))?;
    // Under the meta lock, the garbage collector cannot delete a file of the committed
    // segments; once a file is open it stays readable, so the lock is let go before copying.
    let (meta, files) = {
        let _lock = index
            .directory()
            .acquire_lock(&META_LOCK)
            .map_err(|e| changed(Error::Io(std::io::Error::other(e.to_string()))))?;
        let meta = index.load_metas().map_err(|e| changed(e.into()))?;
        let mut names = meta.list_segment_files();
        // Listed for every segment, present only for those with deleted documents.
        for segment in &meta.segments {
            if !segment.has_deletes() {
                names.remove(&segment.relative_path(SegmentComponent::Delete));
            }
        }
        let mut names: Vec<PathBuf> = names.into_iter().collect();
        names.sort();
        let mut files = Vec::with_capacity(names.len());
        for name in names {
            match File::open(src.join(&name)) {
                Ok(f) => files.push((name, f)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(changed(Error::Io(std::io::Error::new(
                        e.kind(),
                        format!("{} is gone", name.display()),
                    ))))
                }
                Err(e) => return Err(changed(Error::Io(e))),
            }
        }
        (meta, files)
    };

    std::fs::create_dir(dst).map_err(failed)?;
    for (name, file) in &files {
        let mut from: &File = file;
        let mut to = File::create(dst.join(name)).map_err(failed)?;
        std::io::copy(&mut from, &mut to).map_err(failed)?;
        to.sync_all().map_err(failed)?;
    }
    // tantivy's list of the files it manages, so that the copy's own garbage collection
    // deletes them once merged away.
    let names: Vec<&Path> = files.iter().map(|(n, _)| n.as_path()).collect();
    let mut managed = serde_json::to_vec(&names).expect("paths serialize");
    managed.push(b'\n');
    write_synced(&dst.join(".managed.json"), &managed).map_err(failed)?;
    // meta.json last, as tantivy writes it: the copy is an index only once it is there.
    let mut json = serde_json::to_vec_pretty(&meta).expect("index meta serializes");
    json.push(b'\n');
    write_synced(&dst.join("meta.json"), &json).map_err(failed)?;
    sync_dir(dst);
    Ok(IndexSnapshot {
        files: files.len() as u64,
        docs: meta.segments.iter().map(|s| u64::from(s.num_docs())).sum(),
        attempts: 0,
    })
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Makes a directory's entries durable (best effort: not every platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Syncs every file under `dir`, and the directories themselves.
fn sync_tree(dir: &Path) -> Result<(), Error> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            sync_tree(&path)?;
        } else {
            File::open(&path)?.sync_all()?;
        }
    }
    sync_dir(dir);
    Ok(())
}
