//! What every column of the record tables can do, whatever it holds: the
//! tables of `kolomtabellen` are built from columns of this kind, among them the
//! code columns of `codekolom`.

/// A column of a table: values appended one row at a time and read back by row,
/// a row's value borrowed from the column.
pub trait Kolom: Default {
    /// A value as it is appended.
    type In<'a>
    where
        Self: 'a;
    /// A value as it is read.
    type Uit<'a>
    where
        Self: 'a;
    fn zet(&mut self, w: Self::In<'_>);
    fn waarde(&self, i: usize) -> Self::Uit<'_>;
    /// Keep the rows whose flag in `houden` is set (one flag per row).
    fn behoud(&mut self, houden: &[bool]);
    /// Append every row of `van`, which is left empty.
    fn alles(&mut self, van: &mut Self);
    /// Room for every row of `delen`, exactly (their text too).
    fn ruimte_voor<'d>(&mut self, delen: impl Iterator<Item = &'d Self>)
    where
        Self: 'd;
    /// Append every row of every part, in order, room made for all of them first.
    fn alle(&mut self, mut delen: Vec<Self>) {
        self.ruimte_voor(delen.iter());
        for van in delen.iter_mut() {
            self.alles(van);
        }
    }
}
