// The main() of the corpus replays: every preset builds each fuzz harness a second time as a plain
// executable that feeds the committed corpus (and the crashes found so far, which are part of it)
// to LLVMFuzzerTestOneInput once each, so CI checks in seconds that none of them fails again.
// Under the fuzz preset the same harness source links libFuzzer's own main() instead.
//
//     fuzzreplay_NAME FILE_OR_DIRECTORY...
#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
// Optional in a harness, as in libFuzzer.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    QStringList files;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        if (QFileInfo(path).isDir()) {
            QStringList inDirectory;
            QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                inDirectory.append(it.next());
            inDirectory.sort(); // the same order on every run
            files += inDirectory;
        } else {
            files.append(path);
        }
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: %s FILE_OR_DIRECTORY...: no input found\n", argv[0]);
        return 2;
    }
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
            return 2;
        }
        // A copy of exactly the file's size, so that ASan sees a read past its end.
        const QByteArray bytes = file.readAll();
        auto *data = new uint8_t[size_t(bytes.size())];
        std::copy(bytes.begin(), bytes.end(), data);
        std::fprintf(stderr, "%s\n", qPrintable(path));
        LLVMFuzzerTestOneInput(data, size_t(bytes.size()));
        delete[] data;
    }
    std::fprintf(stderr, "replayed %lld input(s)\n", static_cast<long long>(files.size()));
    return 0;
}
