// What the tenant and management bundles share: one database handle, and
// the stores over it, each made on first use and kept for the handle's life,
// so binding a bundle costs one object and a request pays only for the stores it uses.

export abstract class StoreBundle<Db> {
  private stores?: Map<string, unknown>

  constructor(readonly db: Db) {}

  /** The store under `name`, made on first use. */
  protected bound<S>(name: string, make: () => S): S {
    this.stores ??= new Map()
    let store = this.stores.get(name) as S | undefined
    if (store === undefined) {
      store = make()
      this.stores.set(name, store)
    }
    return store
  }
}
