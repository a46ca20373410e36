// measure-peak OUT COMMAND [ARG...]: runs COMMAND with this process's standard streams and writes
// its peak resident memory in KiB (the kernel's ru_maxrss for that child, read when it is reaped)
// to the file OUT; exits as the command did. Sampling /proc from outside misses a command that
// ends between two samples, and reads nothing once it has gone.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: measure-peak OUT COMMAND [ARG...]\n");
        return 127;
    }
    const pid_t child = fork();
    if (child < 0) {
        std::perror("measure-peak: fork");
        return 127;
    }
    if (child == 0) {
        // Killing this process (a test's timeout) must not leave the command running.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        execvp(argv[2], argv + 2);
        std::perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::perror("measure-peak: wait4");
            return 127;
        }
    }
    if (std::FILE *out = std::fopen(argv[1], "w")) {
        std::fprintf(out, "%ld\n", usage.ru_maxrss);
        std::fclose(out);
    }
    if (WIFSIGNALED(status)) {
        std::signal(WTERMSIG(status), SIG_DFL);
        std::raise(WTERMSIG(status)); // ends as the command did, seen as a crash
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}
