/** The project's root folder: the nearest folder above `fromUrl` whose package.json is schedbench's. */
export function projectRoot(fromUrl: string): string;
/** The file URL of a cached esbuild bundle of `entry` (a .ts under root/src), or undefined when it cannot be built. */
export function cachedBundle(root: string, entry: string): Promise<string | undefined>;
