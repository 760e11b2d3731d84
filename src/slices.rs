//! Working through a long list a slice at a time: what each slice gives is put in its
//! place, and what it was made from let go, before the next slice is taken.

/// How many items a slice holds: enough to keep every core busy, few enough that what a
/// slice gives waits in a short list.
pub const SLICE: usize = 4096;

/// Hands `items` to `each` in slices of [`SLICE`], in order; each slice is taken out of the
/// list when the one before it is done.
pub fn in_slices<T>(items: Vec<T>, mut each: impl FnMut(Vec<T>)) {
    let mut items = items.into_iter();
    loop {
        let slice: Vec<T> = items.by_ref().take(SLICE).collect();
        if slice.is_empty() {
            return;
        }
        each(slice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_comes_once_in_order_in_full_slices() {
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        in_slices((0..10_000).collect(), |slice: Vec<u32>| {
            sizes.push(slice.len());
            seen.extend(slice);
        });
        assert_eq!(sizes, [SLICE, SLICE, 10_000 - 2 * SLICE]);
        assert_eq!(seen, (0..10_000).collect::<Vec<_>>());
        in_slices(Vec::<u32>::new(), |_| panic!("no slice of nothing"));
    }
}
