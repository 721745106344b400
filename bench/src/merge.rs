//! `bench merge`: merges every segment of a tantivy index into one, as tantivy's merge policy
//! does when an archive grows, to measure what a merge of that size costs (time, and peak RSS
//! with `/usr/bin/time -v`). Works on a copy: the index is changed.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};

/// Arguments of `bench merge`.
#[derive(clap::Args)]
pub struct MergeArgs {
    /// A copy of an archive's `index` directory (it is merged in place).
    #[arg(long)]
    index: PathBuf,
    /// Merge only the smallest segments, up to this many documents in all (default: all).
    #[arg(long)]
    max_docs: Option<u32>,
}

/// Runs `bench merge`.
pub fn run(args: MergeArgs) -> Result<()> {
    let index = tantivy::Index::open_in_dir(&args.index)
        .with_context(|| format!("opening {}", args.index.display()))?;
    let mut metas = index.searchable_segment_metas()?;
    metas.sort_by_key(|m| m.num_docs());
    let (mut segments, mut docs) = (Vec::new(), 0u32);
    for m in metas {
        if args.max_docs.is_some_and(|max| docs + m.num_docs() > max) {
            break;
        }
        docs += m.num_docs();
        segments.push(m.id());
    }
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 64 * 1024 * 1024)?;
    let started = Instant::now();
    writer.merge(&segments).wait()?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!(
        "merged {} segments ({docs} documents) in {:.1} s",
        segments.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
