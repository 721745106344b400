//! Reading in order, extracting on every core.
//!
//! Extracting an article from an HTML page costs milliseconds; reading a JSONL line or skipping
//! a WARC record costs microseconds. The readers therefore describe their work as a stream of
//! [`Job`]s: a record already read, or a page still to extract. [`ordered`] reads the stream on a
//! thread of its own, hands the pages to one worker per core, and yields the records in the order
//! of the stream.
//!
//! The consumer (storing, indexing) runs meanwhile on its own thread: extraction no longer
//! stops while a batch is stored, and no worker waits for the slowest page of a batch, as they
//! did when pages were extracted batch by batch on the consumer's thread.
//!
//! Memory stays bounded: at most [`IN_FLIGHT_PER_WORKER`] records per worker are between the
//! reader and the consumer at any time (read, being extracted, or extracted and waiting for an
//! earlier one), whatever the input's size.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

use crate::{Location, Record, RecordError, Records};

/// One unit of reading.
// Most jobs are `Ready` (every JSONL line is one): moving its record costs less than the
// allocation boxing it would add.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Job {
    /// A record already read (a JSONL line, a skipped WARC record, an error).
    Ready(Record),
    /// Work still to do to get the record, worth running on another core: extracting a page.
    Extract(Extraction),
}

/// A page still to extract: where it is (for the error if extraction fails) and the work.
pub(crate) struct Extraction {
    pub(crate) location: Location,
    pub(crate) work: Box<dyn FnOnce() -> Record + Send>,
}

impl Job {
    /// A page at `location`, to be turned into a record by `work`.
    pub(crate) fn extract(
        location: Location,
        work: impl FnOnce() -> Record + Send + 'static,
    ) -> Job {
        Job::Extract(Extraction {
            location,
            work: Box::new(work),
        })
    }
}

/// A stream of jobs, as the readers return it.
pub(crate) type Jobs = Box<dyn Iterator<Item = Job> + Send>;

/// Records between the reader and the consumer, per worker. A page takes a few milliseconds,
/// so 8 a worker keeps the workers busy through a slow page; it also bounds memory (pages are at
/// most `ReadOptions::max_record_bytes` each).
const IN_FLIGHT_PER_WORKER: usize = 8;

/// The records of `jobs`, in their order, the extracting jobs run on `workers` threads.
///
/// With one worker, or if no thread can be started, the jobs run on the consumer's thread.
/// A job that panics becomes an error record; the others go on.
pub(crate) fn ordered(jobs: Jobs, workers: usize) -> Records {
    if workers <= 1 {
        return Box::new(jobs.map(run_caught));
    }
    match Pipeline::start(jobs, workers) {
        Ok(pipeline) => Box::new(pipeline),
        // No thread could be started (the system is out of them): the jobs run here.
        Err(jobs) => Box::new(jobs.map(run_caught)),
    }
}

/// The number of extraction workers: one per core.
pub(crate) fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn run_caught(job: Job) -> Record {
    match job {
        Job::Ready(record) => record,
        Job::Extract(Extraction { location, work }) => {
            // A panic is a bug in an extractor; it costs this record, not the whole input.
            catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|_| Record {
                location,
                raw_bytes: 0,
                result: Err(RecordError::NotArticle(
                    "extraction failed on an internal error (a bug in khabar: please report it)"
                        .to_owned(),
                )),
            })
        }
    }
}

/// The consumer's end: records arrive tagged with their place in the stream and leave in order.
struct Pipeline {
    results: Receiver<(u64, Record)>,
    /// Given back for every record yielded: the reader takes one before each job it reads.
    permits: SyncSender<()>,
    /// The place of the next record to yield.
    next: u64,
    /// Records that arrived before an earlier one, `waiting[i]` being record `next + i`.
    waiting: VecDeque<Option<Record>>,
}

impl Pipeline {
    /// Starts the reader and the workers; gives the jobs back if no thread could be started
    /// (with fewer workers than asked, it runs with those that started).
    fn start(jobs: Jobs, workers: usize) -> Result<Pipeline, Jobs> {
        let cap = workers * IN_FLIGHT_PER_WORKER;
        let (permits, permit_rx) = sync_channel::<()>(cap);
        for _ in 0..cap {
            // (The channel holds `cap`: these never block, and its receiver is alive.)
            let _ = permits.send(());
        }
        let (results, results_rx) = channel::<(u64, Record)>();
        let (work, work_rx) = sync_channel::<(u64, Extraction)>(workers);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let mut started = 0;
        for _ in 0..workers {
            let (work_rx, results) = (Arc::clone(&work_rx), results.clone());
            let worker = std::thread::Builder::new()
                .name("khabar-extract".into())
                .spawn(move || extract_loop(&work_rx, &results));
            started += usize::from(worker.is_ok());
        }
        if started == 0 {
            return Err(jobs);
        }
        // The reader gets the jobs through a channel once it runs, so that they are still
        // here to run on this thread if it cannot be started.
        let (hand_over, handed) = sync_channel::<Jobs>(1);
        let reader = std::thread::Builder::new()
            .name("khabar-read".into())
            .spawn(move || {
                if let Ok(jobs) = handed.recv() {
                    read_loop(jobs, &permit_rx, &work, &results);
                }
            });
        if reader.is_err() {
            return Err(jobs);
        }
        if let Err(std::sync::mpsc::SendError(jobs)) = hand_over.send(jobs) {
            return Err(jobs);
        }
        Ok(Pipeline {
            results: results_rx,
            permits,
            next: 0,
            waiting: VecDeque::new(),
        })
    }
}

/// The reader: one permit per job, ready records straight to the consumer, the rest to a worker.
/// A reader that panics (a bug) ends the stream with an error record in its place, so the
/// consumer learns that the input was not read to its end.
fn read_loop(
    jobs: Jobs,
    permits: &Receiver<()>,
    work: &SyncSender<(u64, Extraction)>,
    results: &Sender<(u64, Record)>,
) {
    let mut place = 0u64;
    let read = catch_unwind(AssertUnwindSafe(|| {
        for job in jobs {
            // No permit: the consumer is gone.
            if permits.recv().is_err() {
                return;
            }
            let sent = match job {
                Job::Ready(record) => results.send((place, record)).is_ok(),
                Job::Extract(extraction) => work.send((place, extraction)).is_ok(),
            };
            if !sent {
                return;
            }
            place += 1;
        }
    }));
    if read.is_err() {
        let _ = results.send((
            place,
            Record {
                location: Location {
                    file: "<input>".into(),
                    line: None,
                    offset: None,
                },
                raw_bytes: 0,
                result: Err(RecordError::Io(
                    "reading stopped on an internal error (a bug in khabar: please report it); \
                     the records before this one were read"
                        .to_owned(),
                )),
            },
        ));
    }
}

fn extract_loop(work: &Mutex<Receiver<(u64, Extraction)>>, results: &Sender<(u64, Record)>) {
    loop {
        // The lock is held only while waiting for the next job, not while running it.
        let next = work.lock().unwrap_or_else(|p| p.into_inner()).recv();
        let Ok((place, extraction)) = next else {
            return;
        };
        let record = run_caught(Job::Extract(extraction));
        if results.send((place, record)).is_err() {
            return;
        }
    }
}

impl Iterator for Pipeline {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(Some(_)) = self.waiting.front() {
                let record = self.waiting.pop_front().flatten();
                self.next += 1;
                // The reader may have finished; a permit nobody takes is harmless.
                let _ = self.permits.try_send(());
                return record;
            }
            match self.results.recv() {
                Ok((place, record)) => {
                    let i = (place - self.next) as usize;
                    if self.waiting.len() <= i {
                        self.waiting.resize_with(i + 1, || None);
                    }
                    self.waiting[i] = Some(record);
                }
                // Every sender is gone: the reader has finished and every worker with it.
                // A gap could only be a worker that died outside `catch_unwind`; skip it.
                Err(_) => {
                    while let Some(slot) = self.waiting.pop_front() {
                        self.next += 1;
                        if slot.is_some() {
                            return slot;
                        }
                    }
                    return None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    fn at(n: u64) -> Location {
        Location {
            file: "t".into(),
            line: Some(n),
            offset: None,
        }
    }

    fn record(n: u64) -> Record {
        Record {
            location: at(n),
            raw_bytes: n,
            result: Err(RecordError::Empty),
        }
    }

    /// Jobs that finish in scrambled order (later ones faster) still come out in stream order,
    /// with ready records mixed in, and a panicking job becomes an error record in its place.
    #[test]
    fn records_come_out_in_stream_order() {
        for workers in [1, 2, 4] {
            let jobs: Jobs = Box::new((0..200u64).map(|n| {
                if n % 3 == 0 {
                    Job::Ready(record(n))
                } else {
                    Job::extract(at(n), move || {
                        if n == 100 {
                            panic!("a bug in one extraction");
                        }
                        std::thread::sleep(std::time::Duration::from_micros((200 - n) * 5));
                        record(n)
                    })
                }
            }));
            let out: Vec<Record> = ordered(jobs, workers).collect();
            assert_eq!(out.len(), 200, "{workers} workers");
            for (n, r) in (0u64..).zip(&out) {
                assert_eq!(r.location.line, Some(n), "{workers} workers");
                if n == 100 {
                    assert!(
                        matches!(&r.result, Err(RecordError::NotArticle(m)) if m.contains("internal error")),
                        "{workers} workers: {r:?}"
                    );
                } else {
                    assert_eq!(r.raw_bytes, n);
                }
            }
        }
    }

    /// A reader that panics part-way ends the stream with an error record after what it read.
    #[test]
    fn a_reader_that_panics_ends_with_an_error() {
        let jobs: Jobs = Box::new((0..10u64).map(|n| {
            if n == 3 {
                panic!("a bug in a reader");
            }
            Job::extract(at(n), move || record(n))
        }));
        let out: Vec<Record> = ordered(jobs, 2).collect();
        assert_eq!(out.len(), 4, "{out:?}");
        for (n, r) in (0u64..).zip(&out[..3]) {
            assert_eq!(r.location.line, Some(n));
        }
        assert!(
            matches!(&out[3].result, Err(RecordError::Io(m)) if m.contains("internal error")),
            "{:?}",
            out[3]
        );
    }

    /// The reader stays a bounded distance ahead of the consumer: a consumer that stops after
    /// five records has had at most five plus the in-flight allowance read for it.
    #[test]
    fn reading_stays_bounded_ahead_of_the_consumer() {
        let read = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&read);
        let jobs: Jobs = Box::new((0..10_000u64).map(move |n| {
            counter.fetch_add(1, Ordering::SeqCst);
            Job::extract(at(n), move || record(n))
        }));
        let first: Vec<Record> = ordered(jobs, 2).take(5).collect();
        assert_eq!(first[4].location.line, Some(4));
        std::thread::sleep(std::time::Duration::from_millis(100));
        let bound = 5 + 2 * IN_FLIGHT_PER_WORKER as u64 + 1;
        let n = read.load(Ordering::SeqCst);
        assert!(n <= bound, "{n} jobs read for 5 records taken");
    }
}
