# Writes tests/io/fixtures/arrowbatches/: the employment table of tests/io/fixtures/rowgroups/ as
# Arrow IPC files with several record batches, written by Arrow C++ (pyarrow), a writer independent
# of the JavaScript decoder the library uses, so a test can check that reading batch by batch gives
# the rows of the CSV:
#   employment.arrow   file format, 6 batches of 1000 rows, one dictionary per string column
#   employment.arrows  stream format, 6 batches of 1000 rows, each batch with its own dictionaries
#                      (the writer sends replacement dictionary batches between record batches)
#   delta.arrows       stream format, the first 1500 rows in batches of 500 whose dictionaries
#                      grow (the writer sends delta dictionary batches)
# Strings are dictionary-encoded, dates are date32 (an empty end date is null), so the files also
# exercise typed columns. Run: python3 scripts/write-arrow-fixture.py (needs pyarrow).
import pathlib

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as csv
import pyarrow.ipc as ipc

here = pathlib.Path(__file__).resolve().parent.parent / 'tests' / 'io' / 'fixtures'
out = here / 'arrowbatches'
out.mkdir(exist_ok=True)

names = ['RINPERSOONS', 'RINPERSOON', 'SBEID', 'AANVBUS', 'EINDBUS', 'SCONTRACTSOORT']
rows = csv.read_csv(
    here / 'rowgroups' / 'employment.csv.gz',
    parse_options=csv.ParseOptions(delimiter=';'),
    convert_options=csv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=True),
)
dictionary_columns = ['RINPERSOONS', 'SBEID', 'SCONTRACTSOORT']


def date32(column):
    text = pc.if_else(pc.equal(column, ''), None, column)
    return pc.cast(pc.strptime(text, format='%Y%m%d', unit='s'), pa.date32())


def typed(table, dictionaries, encoded=dictionary_columns):
    """Dates as date32; the `encoded` string columns dictionary-encoded, with the given dictionaries when set."""
    columns = []
    for name in names:
        column = table.column(name).combine_chunks()
        if name in ('AANVBUS', 'EINDBUS'):
            column = date32(column)
        elif name in encoded:
            if dictionaries is None:
                column = column.dictionary_encode()
            else:
                values = dictionaries[name]
                column = pa.DictionaryArray.from_arrays(pc.index_in(column, value_set=values), values)
        columns.append(column)
    return pa.table(columns, names=names)


def growing_dictionaries(table, encoded=dictionary_columns):
    """For each column, its distinct values in order of first appearance, so every prefix of rows needs a prefix of it."""
    return {name: pa.array(list(dict.fromkeys(v for v in table.column(name).to_pylist() if v is not None)), pa.string()) for name in encoded}


whole = typed(rows, growing_dictionaries(rows))
with ipc.new_file(out / 'employment.arrow', whole.schema) as writer:
    for batch in whole.to_batches(max_chunksize=1000):
        writer.write_batch(batch)

own = [typed(rows.slice(k, 1000), None) for k in range(0, rows.num_rows, 1000)]
with ipc.new_stream(out / 'employment.arrows', own[0].schema) as writer:
    for part in own:
        writer.write_batch(part.to_batches()[0])

# Person numbers are dictionary-encoded too here: each batch brings new ones, so the dictionary grows.
first = rows.slice(0, 1500)
encoded = dictionary_columns + ['RINPERSOON']
grown = growing_dictionaries(first, encoded)
batches = []
for k in range(0, first.num_rows, 500):
    seen = growing_dictionaries(first.slice(0, k + 500), encoded)
    batches.append(typed(first.slice(k, 500), {n: grown[n].slice(0, len(seen[n])) for n in encoded}, encoded).to_batches()[0])
with ipc.new_stream(out / 'delta.arrows', batches[0].schema, options=ipc.IpcWriteOptions(emit_dictionary_deltas=True)) as writer:
    for batch in batches:
        writer.write_batch(batch)
