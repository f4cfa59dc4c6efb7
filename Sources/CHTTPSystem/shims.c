#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "CHTTPSystem.h"

int chttp_accept_nonblocking(int fd, struct sockaddr *address, socklen_t *length) {
    return accept4(fd, address, length, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int chttp_pipe_nonblocking(int fds[2]) {
    return pipe2(fds, O_NONBLOCK | O_CLOEXEC);
}
