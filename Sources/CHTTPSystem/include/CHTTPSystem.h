// Linux calls Swift's Glibc module does not export (epoll, and the GNU-only accept4/pipe2),
// wrapped so the HTTPServer target can reach them without defining _GNU_SOURCE itself.
#pragma once
#include <sys/epoll.h>
#include <sys/socket.h>

/// accept4(2) with SOCK_NONBLOCK | SOCK_CLOEXEC.
int chttp_accept_nonblocking(int fd, struct sockaddr *address, socklen_t *length);

/// pipe2(2) with O_NONBLOCK | O_CLOEXEC.
int chttp_pipe_nonblocking(int fds[2]);
