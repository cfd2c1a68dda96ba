/** One page as the API sends it: newest first, `nextCursor` null on the last page. */
export interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
}

type FetchPage<T> = (cursor: string | undefined) => Promise<PageBody<T>>;

/** A page of a list, with the way to the next one; iterating it walks every later page too. */
export class Page<T> implements AsyncIterable<T> {
  readonly data: T[];
  readonly nextCursor: string | null;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    body: PageBody<T>,
  ) {
    this.data = body.data;
    this.nextCursor = body.nextCursor;
  }

  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  /** The following page; throws a plain Error on the last page (check hasNextPage first). */
  async getNextPage(): Promise<Page<T>> {
    if (this.nextCursor === null) throw new Error('this is the last page: check hasNextPage() first');
    return new Page(this.fetchPage, await this.fetchPage(this.nextCursor));
  }

  /** This page, then each following page. */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What `list()` returns: await it for the first page, or `for await` over it for every item on
 * every page (fetched one page at a time, as the loop asks for them).
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private first: Promise<Page<T>> | null = null;

  constructor(private readonly fetchPage: FetchPage<T>) {}

  private load(): Promise<Page<T>> {
    this.first ??= this.fetchPage(undefined).then((body) => new Page(this.fetchPage, body));
    return this.first;
  }

  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.load().then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    yield* await this.load();
  }
}
